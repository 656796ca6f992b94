/**
 * Stand-in for the `node` type library, used ONLY by tsconfig.core.json (its `typeRoots`), so that `core/` is
 * type-checked without Node's globals (process, Buffer, require) and modules (fs, path, child_process …).
 *
 * Why it exists: @types/papaparse (CSV parsing in core/scoring/candidateFile.ts) starts with
 * `/// <reference types="node" />` for its stream overload, which would otherwise pull every Node type into the
 * core check. The only Node name papaparse's types use is `Duplex` from "stream"; it is declared here as an opaque
 * class, and nothing else.
 */
declare module 'stream' {
  export class Duplex {
    private readonly __nodeStreamOnlyOutsideCore: never;
  }
}
