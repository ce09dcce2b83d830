/** Partitionable GPUs (GPU-P): partitions offered and used, and the children that take one. */
import type { GpuRowView } from '../src/preview/preview-messages';
import { el, nameButton } from './dom';
import { PagedTable } from './table';

export function gpusTable(): PagedTable<GpuRowView> {
  return new PagedTable<GpuRowView>({
    id: 'gpus',
    title: 'GPU partitions',
    noun: ['partitionable GPU', 'partitionable GPUs'],
    columns: ['GPU', 'Partitions', 'Children'],
    key: (r) => r.gpu,
    rowAttrs: (r) => ({ 'data-device': r.gpu }),
    cells: (r) => {
      const gpu = el('td', { className: 'name' }, [nameButton(r.gpu, r.position, 'gpu', 'link mono')]);
      if (r.address !== undefined) gpu.append(el('div', { className: 'mono muted', text: r.address }));
      const meter = el('div', { className: 'meter', role: 'presentation' }, [el('div', { className: 'meter-fill' })]);
      (meter.firstChild as HTMLElement).style.width = `${r.offered > 0 ? Math.min(1, r.used / r.offered) * 100 : 100}%`;
      return [
        gpu,
        el('td', { className: `gpu-use${r.state === 'bad' ? ' over' : ''}` }, [el('div', { className: 'num', text: r.usedText }), meter, el('div', { className: r.state, text: r.verdict })]),
        el('td', { className: r.used === 0 ? 'muted' : 'list', text: r.partitions }),
      ];
    },
  });
}
