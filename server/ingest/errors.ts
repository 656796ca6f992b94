/**
 * An import failure that says where the bad input is: the file (relative to DATA_DIR), the 1-based data row
 * (header excluded; for JSON arrays the array element) and the field. The whole import is rolled back when
 * one is thrown, so the database is exactly as it was before.
 */
export class ImportError extends Error {
  readonly code = 'import_error';
  constructor(
    /** File path relative to DATA_DIR (or absolute when outside it). */
    readonly file: string,
    /** 1-based data row (CSV: header excluded, so line = row + 1; JSON: array element index + 1); undefined when the problem is the whole file. */
    readonly row: number | undefined,
    /** Column / JSON key at fault, or a setting name such as `serviceDate`; undefined when not field-specific. */
    readonly field: string | undefined,
    /** What is wrong, in plain words. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Import failed: ${file}` + (row !== undefined ? `, row ${row}` : '') + (field !== undefined ? `, field "${field}"` : '') + `: ${detail}`,
      options,
    );
    this.name = 'ImportError';
  }
}
