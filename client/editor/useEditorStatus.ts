import { useState } from 'react';

/** The editor's one-line status toast: an info, success or error message (click to dismiss). */
export interface EditorStatus {
  kind: 'info' | 'error' | 'ok';
  text: string;
}

/** Show a status (null hides it). */
export type SetEditorStatus = (status: EditorStatus | null) => void;

/** The status toast's state; every editor hook reports through the returned `setStatus`. */
export function useEditorStatus(): { status: EditorStatus | null; setStatus: SetEditorStatus } {
  const [status, setStatus] = useState<EditorStatus | null>(null);
  return { status, setStatus };
}
