/**
 * The imported-data schema (docs: /work/shared common brief, "Imported data schema"). Every table is
 * dropped and recreated inside the one import transaction. Bump {@link SCHEMA_VERSION} whenever a table or
 * a derivation rule changes: a stored import with another version is rebuilt on the next start.
 */
export const SCHEMA_VERSION = 4;

export const IMPORTED_TABLES = ['datasets', 'block_groups', 'branches', 'branch_years', 'transit_feeds', 'transit_stops', 'atms'] as const;

export const CREATE_TABLES = `
CREATE TABLE datasets (
  id VARCHAR PRIMARY KEY, source VARCHAR, file VARCHAR, sha256 VARCHAR, bytes BIGINT, row_count BIGINT,
  vintage VARCHAR, imported_at TIMESTAMP, details JSON);
CREATE TABLE block_groups (
  geoid VARCHAR PRIMARY KEY, state_fips VARCHAR, county_fips VARCHAR, tract VARCHAR, block_group VARCHAR,
  population INTEGER, lng DOUBLE, lat DOUBLE);
CREATE TABLE branches (
  branch_id BIGINT PRIMARY KEY, cert INTEGER, rssdhcr BIGINT, institution_name VARCHAR, holding_company VARCHAR,
  branch_name VARCHAR, address VARCHAR, city VARCHAR, state VARCHAR, zip VARCHAR, county_fips VARCHAR,
  deposits_k DOUBLE, service_type INTEGER, is_main_office BOOLEAN, opened DATE, lng DOUBLE, lat DOUBLE,
  valid_coords BOOLEAN);
CREATE TABLE branch_years (
  year SMALLINT, branch_id BIGINT, cert INTEGER, rssdhcr BIGINT, institution_name VARCHAR, state VARCHAR,
  county_fips VARCHAR, deposits_k DOUBLE, institution_deposits_dom_k DOUBLE, service_type INTEGER,
  is_main_office BOOLEAN, opened DATE, acquired DATE, lng DOUBLE, lat DOUBLE, valid_coords BOOLEAN, PRIMARY KEY (year, branch_id));
CREATE TABLE transit_feeds (
  feed VARCHAR PRIMARY KEY, mode VARCHAR, scheduled BOOLEAN, calendar_start DATE, calendar_end DATE,
  service_date DATE, stop_count INTEGER, departures BIGINT);
CREATE TABLE transit_stops (
  stop_id VARCHAR PRIMARY KEY, feed VARCHAR, gtfs_stop_id VARCHAR, name VARCHAR, mode VARCHAR, lng DOUBLE,
  lat DOUBLE, departures DOUBLE, scheduled BOOLEAN, imputed BOOLEAN, route_ids VARCHAR[]);
CREATE TABLE atms (
  id INTEGER PRIMARY KEY, institution VARCHAR, address VARCHAR, city VARCHAR, zip VARCHAR, county VARCHAR,
  lng DOUBLE, lat DOUBLE);
`;
