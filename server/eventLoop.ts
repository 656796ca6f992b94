/**
 * One turn of the event loop: resolves from a `setImmediate`, i.e. after the I/O callbacks (requests, socket closes)
 * that were ready when it was called. Long main-thread work awaits it between pieces so `/api/health` and other
 * requests are answered in between (issue 11: no request may hold the loop past 100 ms).
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
