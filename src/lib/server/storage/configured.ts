import type { Config } from '../config.ts';
import { localStorage, type Storage } from './index.ts';
import { s3Storage } from './s3.ts';

/** The configured storage: an S3-compatible bucket with `STORAGE_URL`, otherwise DATA_DIR/uploads. */
export function openStorage(cfg: Pick<Config, 'STORAGE_URL' | 'uploadsDir'>): Storage {
	return cfg.STORAGE_URL ? s3Storage(cfg.STORAGE_URL) : localStorage(cfg.uploadsDir);
}
