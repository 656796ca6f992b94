/** POST a dataset to `/api/datasets` as multipart, the way a browser form does; returns status and JSON body. */
export async function upload(app: { request: (url: string, init: RequestInit) => Response | Promise<Response> }, file: { name: string; body: string | Uint8Array },
  fields: Record<string, string>): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const form = new FormData();
  form.set('file', new File([file.body as BlobPart], file.name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await app.request('/api/datasets', { method: 'POST', body: form });
  return { status: res.status, body: await res.json() };
}
