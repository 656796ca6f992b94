import type { FloorPlan } from '../../core/floorplan/model';
import { zoneKind, zoneKindColour } from '../../core/floorplan/zoneKinds';

/** The zone kinds used in the plan, each with its fill colour and name in the UI language (collapsed by default). */
export function ZoneLegend({ plan, locale, t }: { plan: FloorPlan; locale: 'en' | 'zh'; t: (key: string) => string }) {
  return (
    <details className="ed-props ed-legend" data-testid="ed-legend">
      <summary>{t('editor.legend')}</summary>
      <ul>
        {[...new Set(plan.zones.map((z) => z.kind))].map((k) => (
          <li key={k}><i style={{ background: zoneKindColour(k) }} />{zoneKind(k)?.label[locale] ?? k}</li>
        ))}
      </ul>
    </details>
  );
}
