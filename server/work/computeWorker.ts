import { parentPort } from 'node:worker_threads';
import { COMPUTE_TASKS, RESOURCE_LOADERS, type ComputeResourceName, type ComputeResources, type ComputeTaskName } from './tasks';
import { badRequest } from '../errors';
import { unpackShared } from './sharedResource';
import { NetworkInputError } from '../../core/network/ownNetwork';

/**
 * A compute worker thread (server/work/computePool.ts); resources arrive in their shared form (sharedResource.ts) and
 * are rebuilt here; with `json: true` the answer is the result's JSON text as
 * UTF-8 bytes (transferred). It holds its own copies of the resources (posted as `{ type: 'resource', name, value }`
 * before the first task that needs them) and answers `{ id, task, input }` with `{ id, ok: true, result }` or
 * `{ id, ok: false, message, code? }` (a task may return a promise: its value is sent). One task at a time; the pool
 * ends the thread to stop a task.
 */
const resources = {} as ComputeResources;
const encoder = new TextEncoder();
/** Resources this worker loads itself (`{ type: 'resource', name, load }`, see RESOURCE_LOADERS), in order; tasks wait for them. */
let loading: Promise<void> = Promise.resolve();
parentPort!.on('message', async (m: { type?: 'resource'; name?: ComputeResourceName; value?: unknown; load?: string; id: number; task: ComputeTaskName; input: unknown; json?: boolean }) => {
  if (m.type === 'resource') {
    const name = m.name!, arg = m.load;
    if (arg === undefined) (resources as unknown as Record<string, unknown>)[name] = unpackShared(m.value);
    else loading = loading.then(async () => { (resources as unknown as Record<string, unknown>)[name] = await RESOURCE_LOADERS[name]!(arg); });
    return;
  }
  try {
    await loading;
  } catch (err) {
    // a resource that failed to load: end this worker (the pool fails the task and starts a new worker for the next)
    setImmediate(() => { throw err; });
    return;
  }
  try {
    const result = await (COMPUTE_TASKS[m.task] as (r: ComputeResources, i: unknown) => unknown)(resources, m.input);
    if (m.json) {
      // serialised here and its bytes transferred, not copied: the main thread neither decodes nor re-encodes a large result
      const bytes = encoder.encode(JSON.stringify(result));
      parentPort!.postMessage({ id: m.id, ok: true, result: bytes }, [bytes.buffer]);
    } else parentPort!.postMessage({ id: m.id, ok: true, result });
  } catch (thrown) {
    // a bad network id is a 400 naming its field, as on the main thread (server/http/problems.ts)
    const err = thrown instanceof NetworkInputError ? badRequest(thrown.message, thrown.field) : thrown;
    const e = err as { message?: string; status?: number; code?: string; extra?: unknown; stack?: string };
    parentPort!.postMessage({ id: m.id, ok: false, message: String(e?.message ?? err), status: e?.status, code: e?.code, extra: e?.extra, stack: e?.stack });
  }
});
parentPort!.postMessage({ type: 'ready' });
