import { getMunicipalityEndpoint, listMunicipalitiesEndpoint } from '#lib/features/region/api.ts';
import { getLeitbildEndpoint, listActionFieldsEndpoint, listGoalsEndpoint } from '#lib/features/leitbild/api.ts';
import { searchAddressesEndpoint } from '#lib/features/addresses/api.ts';
import { listBodiesEndpoint, listDecisionsEndpoint, listMeetingsEndpoint, listPapersEndpoint } from '#lib/features/bodies/api.ts';
import { listEventsEndpoint } from '#lib/features/events/api.ts';
import { listNewsEndpoint } from '#lib/features/news/api.ts';
import { listPlacesEndpoint } from '#lib/features/places/api.ts';
import { listFundingApplicationsEndpoint, listFundingProgrammesEndpoint, listIndicatorsEndpoint, listMeasuresEndpoint } from '#lib/features/cooperation/api.ts';
import { getProcessEndpoint, getSurveyResultsEndpoint, listIdeasEndpoint, listProcessesEndpoint } from '#lib/features/participation/api.ts';

/** Every endpoint under /api/v1; the OpenAPI document is generated from this list. */
export const endpoints = [listMunicipalitiesEndpoint, getMunicipalityEndpoint, getLeitbildEndpoint, listGoalsEndpoint, listActionFieldsEndpoint, searchAddressesEndpoint, listMeasuresEndpoint, listIndicatorsEndpoint, listFundingProgrammesEndpoint, listFundingApplicationsEndpoint, listBodiesEndpoint, listMeetingsEndpoint, listPapersEndpoint, listDecisionsEndpoint, listEventsEndpoint, listNewsEndpoint, listPlacesEndpoint, listProcessesEndpoint, getProcessEndpoint, listIdeasEndpoint, getSurveyResultsEndpoint];
