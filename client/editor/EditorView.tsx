/** Placeholder until this view lands (see the issue that owns it). */
export default function EditorView() {
  return <div style={{ padding: 24 }}>EditorView</div>;
}
