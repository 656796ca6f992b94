/** Placeholder until this view lands (see the issue that owns it). */
export default function CoverageView() {
  return <div style={{ padding: 24 }}>CoverageView</div>;
}
