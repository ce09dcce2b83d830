/** The header: the layout's name, its file, release and hypervisor model, and the problem counts. */
import type { PreviewView, ProblemCounts } from '../src/preview/preview-messages';
import { plural } from '../src/preview/text';
import { el, icon } from './dom';
import { hostLimits } from './limits';

export function header(view: PreviewView | undefined, fileName: string, problems: ProblemCounts | undefined): HTMLElement {
  const title = el('div', { className: 'title-row' }, [el('h1', { text: view?.header.title || fileName || 'Allocation' })]);
  const facts = el('div', { className: 'facts' });
  if (fileName) facts.append(el('span', { className: 'fact file', text: fileName }));
  if (view) {
    facts.append(el('span', { className: 'fact', text: view.header.release, title: `release: ${view.header.releaseId}` }));
    facts.append(el('span', { className: 'fact', text: view.header.hypervisor }));
  }
  const head = el('header', { className: 'head' }, [title, facts]);
  if (problems) head.append(problemCounts(problems));
  const limits = hostLimits(view?.header.limits);
  if (limits) head.append(limits);
  return head;
}

function problemCounts(problems: ProblemCounts): HTMLElement {
  const list = el('div', { className: 'problems', id: 'problems', role: 'status', 'aria-label': `Problems: ${plural(problems.error, 'error')}, ${plural(problems.warning, 'warning')}, ${problems.info} info` });
  for (const severity of ['error', 'warning', 'info'] as const) {
    const n = problems[severity];
    const label = severity === 'info' ? `${n} info` : plural(n, severity);
    list.append(el('span', { className: `problem sev-${severity}${n === 0 ? ' zero' : ''}`, 'data-severity': severity, 'data-count': String(n) }, [icon(severity), el('span', { text: label })]));
  }
  return list;
}
