import proj4 from 'proj4';

/**
 * A reprojection from a coordinate reference system to WGS84 longitude/latitude degrees, with proj4js.
 * @param definition a proj4 string (`+proj=utm +zone=18 …`) or OGC WKT (a Shapefile's `.prj`, an EPSG entry's WKT).
 * @returns `(x, y) → [lng, lat]` (NaN when the point cannot be transformed).
 * @throws Error when proj4 cannot read the definition.
 */
export function toWgs84(definition: string): (x: number, y: number) => [number, number] {
  const conv = proj4(definition, 'EPSG:4326');
  return (x, y) => {
    try {
      const [lng, lat] = conv.forward([x, y]);
      return [lng, lat];
    } catch {
      return [NaN, NaN];
    }
  };
}

/** Is this a WKT definition (`PROJCS[`, `GEOGCS[`, `PROJCRS[` …) rather than a proj4 string or an EPSG code? */
export function isWkt(definition: string): boolean {
  return /^\s*(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS|COMPD_CS|BOUNDCRS)\s*\[/i.test(definition);
}
