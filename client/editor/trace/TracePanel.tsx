import type { TraceUnderlay } from './useTraceUnderlay';

/** The side-panel section of the trace underlay: load an image, its opacity, calibrate, remove, and its scale. */
export function TracePanel({ underlay, calibrating, onCalibrate, t }: {
  underlay: TraceUnderlay;
  /** The Calibrate tool is active. */
  calibrating: boolean;
  /** Start calibrating (switches to the Calibrate tool). */
  onCalibrate: () => void;
  t: (key: string, vars?: Record<string, string | number>) => string;
}) {
  const { trace } = underlay;
  return (
    <section className="ed-props">
      <h3>{t('editor.trace.title')}</h3>
      <label className="ed-file">{t('editor.trace.load')}
        <input type="file" accept="image/png,image/jpeg" onChange={(e) => { underlay.loadFile(e.target.files?.[0]); e.target.value = ''; }} data-testid="ed-trace-file" />
      </label>
      {trace && (
        <>
          <label className="ed-field"><span>{t('editor.trace.opacity')}</span>
            <input type="range" min={0} max={1} step={0.05} value={trace.opacity} onChange={(e) => underlay.setOpacity(parseFloat(e.target.value))} />
          </label>
          <div className="ed-row-buttons">
            <button className={calibrating ? 'on' : ''} onClick={onCalibrate}>{t('editor.trace.calibrate')}</button>
            <button onClick={underlay.remove}>{t('editor.trace.remove')}</button>
          </div>
          <small>{t('editor.trace.scale', { mm: (trace.mPerPx * 1000).toFixed(1) })}</small>
        </>
      )}
    </section>
  );
}
