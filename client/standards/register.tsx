/** Plug the standards checker into the floor-plan editor's extension slots (client/editor/extensions.ts). */
import { registerEditorOverlay, registerEditorSidePanel } from '../editor/extensions';
import { FindingsOverlay } from './FindingsOverlay';
import { StandardsPanel } from './StandardsPanel';

registerEditorOverlay({ id: 'standards-findings', render: (ctx) => <FindingsOverlay ctx={ctx} /> });
registerEditorSidePanel({ id: 'standards-panel', title: 'standards.panel.title', render: (ctx) => <StandardsPanel ctx={ctx} /> });
