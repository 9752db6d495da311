/**
 * Whether a number can be the id of a row (a PostgreSQL `serial`, 1 … 2,147,483,647). A larger
 * number from a URL must be "not found", never an out-of-range error from the database.
 */
export const isRowId = (id: number) => Number.isInteger(id) && id > 0 && id <= 2_147_483_647;
