import { useState } from 'react';
import { BranchType, LengthUnit, type FloorPlan } from '../../../core/floorplan/model';
import type { NewPlanOptions } from './usePlanDocument';

/** "New plan": name, branch type and units of a blank plan (a 12 × 10 m outline to redraw with the Outline tool). */
export function NewPlanForm({ t, onCreate, onCancel }: { t: (k: string, v?: Record<string, string | number>) => string; onCreate: (o: NewPlanOptions) => void; onCancel: () => void }) {
  const [name, setName] = useState(t('editor.newPlan.defaultName'));
  const [branchType, setBranchType] = useState<FloorPlan['branchType']>('community');
  const [units, setUnits] = useState<LengthUnit>('m');
  return (
    <form className="ed-banner info ed-newplan" data-testid="ed-new-plan-form" onSubmit={(e) => { e.preventDefault(); if (name.trim()) onCreate({ name: name.trim(), branchType, units }); }}>
      <strong>{t('editor.newPlan.title')}</strong>
      <label>{t('editor.props.name')} <input value={name} onChange={(e) => setName(e.target.value)} data-testid="ed-new-plan-name" /></label>
      <label>{t('editor.props.branchType')}
        <select value={branchType} onChange={(e) => setBranchType(e.target.value as FloorPlan['branchType'])} data-testid="ed-new-plan-type">
          {BranchType.options.map((b) => <option key={b} value={b}>{t(`editor.branchType.${b}`)}</option>)}
        </select>
      </label>
      <label>{t('editor.newPlan.units')}
        <select value={units} onChange={(e) => setUnits(e.target.value as LengthUnit)} data-testid="ed-new-plan-units">
          {LengthUnit.options.map((u) => <option key={u} value={u}>{u}</option>)}
        </select>
      </label>
      <button type="submit" className="primary" data-testid="ed-new-plan-create">{t('editor.newPlan.create')}</button>
      <button type="button" onClick={onCancel}>{t('editor.newPlan.cancel')}</button>
    </form>
  );
}
