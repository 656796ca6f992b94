/** Placeholder until this view lands (see the issue that owns it). */
export default function SitesView() {
  return <div style={{ padding: 24 }}>SitesView</div>;
}
