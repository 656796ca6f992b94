import { useEffect, useRef } from 'react';
import type { DimInput } from './tools/useToolController';

/**
 * The typed-dimension box, opened next to the pointer (or the selected edge) by typing a number: Enter applies it,
 * Escape closes it. Accepts `3.5`, `350cm`, `3.5x2` (see ./lengthInput.ts).
 */
export function DimensionBox({ dim, onText, onApply, onCancel, t }: {
  dim: DimInput;
  onText: (text: string) => void;
  onApply: (dim: DimInput) => void;
  onCancel: () => void;
  t: (key: string) => string;
}) {
  return (
    <form className="ed-dim" style={{ left: dim.at[0] + 12, top: dim.at[1] + 12 }} onSubmit={(e) => { e.preventDefault(); onApply(dim); }} data-testid="ed-dim">
      <label>{t(`editor.dim.${dim.mode}`)}</label>
      <DimField value={dim.text} onChange={onText} onCancel={onCancel} />
    </form>
  );
}

function DimField({ value, onChange, onCancel }: { value: string; onChange: (s: string) => void; onCancel: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) { el.focus(); el.setSelectionRange(el.value.length, el.value.length); }
  }, []);
  return (
    <input ref={ref} value={value} onChange={(e) => onChange(e.target.value)} onKeyDown={(e) => { if (e.key === 'Escape') onCancel(); }}
      placeholder="3.5 · 350cm · 3.5x2" data-testid="ed-dim-input" autoComplete="off" />
  );
}
