/** The floor-plan model in one import: schemas and types, loading (units + migrate), zone kinds, geometry. */
export * from './model';
export * from './units';
export * from './migrate';
export * from './load';
export * from './zoneKinds';
export * from './geometry';
export * from './commands';
export * from './history';
export * from './export/svg';
export * from './export/dxf';
export * from './export/geojson';
export * from './elements';
