/** Vitest global setup: builds the shared import cache once (see server/ingest). */
export default async function setup() {}
