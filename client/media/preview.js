// The allocation preview's webview script (SPEC §8). It only renders: the language server computes
// the allocation model and the extension relays it as a message. Every string from the layout file
// is put into the page with textContent or as an attribute value, never parsed as HTML.
// Plain ES2020, no framework, nothing loaded from the network.
// @ts-check
/* global acquireVsCodeApi */
(function () {
  'use strict';

  /** @type {{ postMessage(message: unknown): void; getState(): any; setState(state: unknown): void }} */
  // @ts-ignore: provided by the webview host
  const vscode = acquireVsCodeApi();
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const CHILD_COLOURS = 8;

  /** the last model message that carried an allocation, and the last message of any kind */
  let lastGood = null;
  let lastMessage = null;
  /** @type {{ partition?: string, device?: string }} */
  let highlight = {};
  const saved = vscode.getState() || {};
  let pendingScroll = typeof saved.scrollY === 'number' ? { x: saved.scrollX || 0, y: saved.scrollY } : undefined;

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'model':
        if (message.allocation && typeof message.allocation === 'object') lastGood = message;
        lastMessage = message;
        render();
        break;
      case 'unavailable':
        lastMessage = message;
        render();
        break;
      case 'highlight':
        highlight = { partition: str(message.partition), device: str(message.device) };
        applyHighlight();
        break;
    }
  });

  // Clicking a partition, a device or a bar segment reveals its definition in the editor.
  app.addEventListener('click', (event) => {
    const target = /** @type {Element} */ (event.target).closest('[data-line]');
    if (!target) return;
    const line = Number(target.getAttribute('data-line'));
    const column = Number(target.getAttribute('data-column'));
    if (Number.isInteger(line) && line >= 1 && Number.isInteger(column) && column >= 1) {
      vscode.postMessage({ type: 'reveal', position: { line, column } });
    }
  });

  let scrollTimer = 0;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = window.setTimeout(() => vscode.setState({ scrollX: window.scrollX, scrollY: window.scrollY }), 100);
  });

  const resizeObserver = new ResizeObserver(() => fitLabels());
  resizeObserver.observe(app);

  vscode.postMessage({ type: 'ready' });

  // ---------------------------------------------------------------- rendering

  function render() {
    const scroll = pendingScroll || { x: window.scrollX, y: window.scrollY };
    pendingScroll = undefined;
    const focusKey = document.activeElement && document.activeElement.getAttribute('data-key');

    const content = build(lastMessage);
    app.replaceChildren(...content);
    app.removeAttribute('aria-busy');

    applyHighlight();
    fitLabels();
    window.scrollTo(scroll.x, scroll.y);
    if (focusKey) {
      const again = app.querySelector(`[data-key="${CSS.escape(focusKey)}"]`);
      if (again instanceof HTMLElement) again.focus({ preventScroll: true });
    }
    const partitions = Array.from(app.querySelectorAll('#partitions tbody tr[data-partition]'), (tr) => tr.getAttribute('data-partition') || '');
    vscode.postMessage({ type: 'rendered', partitions });
  }

  /** @returns {Node[]} */
  function build(message) {
    if (!message) return [el('p', { className: 'placeholder', text: 'Computing the allocation…' })];
    if (message.type === 'unavailable') {
      const previous = lastGood && lastGood.uri === message.uri ? lastGood.allocation : undefined;
      /** @type {Node[]} */
      const nodes = [header(previous, str(message.fileName) || '', undefined)];
      nodes.push(banner('error', str(message.reason) || 'The allocation is not available.'));
      if (previous) nodes.push(...body(previous, true));
      return nodes;
    }
    const problems = counts(message.problems);
    const fileName = str(message.fileName) || '';
    if (message.allocation) {
      /** @type {Node[]} */
      const nodes = [header(message.allocation, fileName, problems)];
      if (problems.error > 0) {
        nodes.push(banner('warning', `${plural(problems.error, 'error')} in this layout: the allocation below is computed from what could be read. See the Problems panel.`));
      }
      nodes.push(...body(message.allocation, false));
      return nodes;
    }
    // Not a YAML document (syntax errors): keep showing the last allocation of the same file, dimmed.
    const previous = lastGood && lastGood.uri === message.uri ? lastGood.allocation : undefined;
    /** @type {Node[]} */
    const nodes = [header(previous, fileName, problems)];
    nodes.push(
      banner(
        'error',
        previous
          ? 'The file is not valid YAML right now: showing the last allocation that could be computed. Fix the syntax errors in the Problems panel.'
          : 'The file is not valid YAML: fix the syntax errors in the Problems panel to see the allocation.',
      ),
    );
    if (previous) nodes.push(...body(previous, true));
    return nodes;
  }

  function header(model, fileName, problems) {
    const title = el('div', { className: 'title-row' }, [el('h1', { text: (model && str(model.layout)) || fileName || 'Allocation' })]);
    const facts = el('div', { className: 'facts' });
    if (fileName) facts.append(el('span', { className: 'fact file', text: fileName }));
    if (model) {
      const release = model.release || {};
      facts.append(el('span', { className: 'fact', text: str(release.title) || str(release.id) || 'unknown release', title: `release: ${str(release.id) || '?'}` }));
      facts.append(el('span', { className: 'fact', text: `${str(model.hypervisorModel) || 'unknown'} hypervisor` }));
    }
    const head = el('header', { className: 'head' }, [title, facts]);
    if (problems) head.append(problemCounts(problems));
    return head;
  }

  function problemCounts(problems) {
    const list = el('div', { className: 'problems', id: 'problems', role: 'status', 'aria-label': `Problems: ${plural(problems.error, 'error')}, ${plural(problems.warning, 'warning')}, ${problems.info} info` });
    for (const [severity, word] of [['error', 'error'], ['warning', 'warning'], ['info', 'info']]) {
      const n = problems[severity];
      const label = severity === 'info' ? `${n} info` : plural(n, word);
      list.append(el('span', { className: `problem sev-${severity}${n === 0 ? ' zero' : ''}`, 'data-severity': severity, 'data-count': String(n) }, [icon(severity), el('span', { text: label })]));
    }
    return list;
  }

  function banner(kind, text) {
    return el('div', { className: `banner banner-${kind}`, role: 'alert' }, [icon(kind === 'error' ? 'error' : 'warning'), el('span', { text })]);
  }

  /** @returns {Node[]} */
  function body(model, stale) {
    const colours = colourMap(model);
    const sections = [processorSection(model, colours), memorySection(model, colours)];
    if (model.numa && model.numa.nodes > 1) sections.push(numaSection(model));
    sections.push(partitionSection(model, colours), deviceSection(model));
    return [el('div', { className: stale ? 'body stale' : 'body' }, sections)];
  }

  /** Colour class per owner: hypervisor, root, then each other partition in document order. */
  function colourMap(model) {
    /** @type {Map<string, string>} */
    const map = new Map([['hypervisor', 'c-hv'], ['free', 'c-free']]);
    let i = 0;
    for (const p of list(model.partitions)) {
      if (p.role === 'root') map.set(p.name, 'c-root');
      else map.set(p.name, `c-${i++ % CHILD_COLOURS}`);
    }
    return map;
  }

  function partitionByName(model) {
    return new Map(list(model.partitions).map((p) => [p.name, p]));
  }

  // -------------------------------------------------------------- processors

  function processorSection(model, colours) {
    const proc = model.processors;
    const host = num(proc.hostLogicalProcessors);
    const shares = list(proc.partitions);
    const root = shares.find((p) => p.role === 'root');
    const onHost = shares.filter((p) => p === root || (root && !p.nested && p.parent === root.name));
    const nested = shares.filter((p) => p.nested);
    const unplaced = shares.filter((p) => !onHost.includes(p) && !p.nested);
    const rows = partitionByName(model);

    const used = onHost.reduce((s, p) => s + num(p.virtualProcessors), 0);
    const free = Math.max(0, host - used);
    const scale = Math.max(host, used, 1);

    const segments = onHost.map((p) => ({
      owner: p.name,
      kind: p.role,
      amount: num(p.virtualProcessors),
      colour: colours.get(p.name),
      label: plural(num(p.virtualProcessors), 'VP'),
      title: `${p.name}: ${plural(num(p.virtualProcessors), 'virtual processor')} (${percent(num(p.virtualProcessors), host)} of ${host} host LPs)${affinityText(p.affinity)}`,
      position: rows.get(p.name) && rows.get(p.name).position,
    }));
    if (free > 0) segments.push({ owner: 'free', kind: 'free', amount: free, colour: 'c-free', label: plural(free, 'LP'), position: undefined, title: `free: ${plural(free, 'logical processor')} without a VP (${percent(free, host)} of the host)` });

    const summary = `${plural(used, 'VP')} on ${plural(host, 'logical processor')}${used > host ? ': beyond the host’s LPs, VPs share processors by time-slicing' : ''}`;
    const section = el('section', { id: 'processors', className: 'card' }, [sectionTitle('Logical processors', summary)]);
    const bar = stackedBar('processors', segments, scale, host, 'data-vps', `${host} LPs`, used > host ? 'time-shared' : '');
    section.append(bar);

    if (nested.length > 0) {
      const track = el('div', { className: 'nested-track', 'aria-label': 'Nested partitions: their VPs run on their parent’s VPs' });
      /** @type {Map<string, number>} */
      const nextOffset = new Map();
      let offset = 0;
      for (const s of onHost) {
        nextOffset.set(s.name, offset);
        offset += num(s.virtualProcessors);
      }
      for (const p of nested) {
        const start = nextOffset.has(p.parent) ? nextOffset.get(p.parent) : 0;
        const vps = num(p.virtualProcessors);
        nextOffset.set(p.parent, start + vps);
        const row = rows.get(p.name);
        const seg = el('div', {
          className: `segment nested ${colours.get(p.name) || 'c-0'}`,
          'data-owner': p.name,
          'data-partition': p.name,
          'data-vps': String(vps),
          'data-nested-in': str(p.parent) || '',
          title: `${p.name}: ${plural(vps, 'virtual processor')}, nested in ${p.parent}: they run on ${p.parent}’s VPs and are not counted against the host`,
          'aria-label': `${p.name}: ${plural(vps, 'VP')}, nested in ${p.parent}`,
          ...revealAttrs(row && row.position),
        });
        seg.style.left = `${(start / scale) * 100}%`;
        seg.style.width = `${(vps / scale) * 100}%`;
        seg.append(segLabel(p.name, plural(vps, 'VP')));
        track.append(seg);
      }
      section.append(el('div', { className: 'track-caption', text: 'Nested: run on their parent’s VPs, not on host LPs' }), track);
    }

    const legend = el('ul', { className: 'legend' });
    for (const s of onHost) legend.append(legendItem('cpu', s.name, colours.get(s.name), `${plural(num(s.virtualProcessors), 'VP')} · ${percent(num(s.virtualProcessors), host)}${affinityText(s.affinity)}`, rows.get(s.name)));
    for (const s of nested) legend.append(legendItem('cpu', s.name, colours.get(s.name), `${plural(num(s.virtualProcessors), 'VP')} nested in ${s.parent}`, rows.get(s.name), 'nested'));
    if (free > 0) legend.append(legendItem('cpu', 'free', 'c-free', `${plural(free, 'LP')} · ${percent(free, host)}`));
    for (const s of unplaced) legend.append(legendItem('cpu', s.name, colours.get(s.name), `${plural(num(s.virtualProcessors), 'VP')} not counted: no valid parent`, rows.get(s.name), 'unplaced'));
    section.append(legend);

    const ratio = num(proc.overcommitRatio);
    const limit = num(proc.overcommitLimit);
    const over = limit > 0 && ratio > limit;
    section.append(
      el('div', { className: 'stats' }, [
        stat(
          'VP:LP ratio (children of the root)',
          `${fixed(ratio)} : 1`,
          `${plural(num(proc.childVirtualProcessors), 'child VP')} on ${plural(host, 'LP')} · limit ${fixed(limit)} : 1`,
          over ? 'over' : '',
          limit > 0 ? ratio / limit : 0,
          'vp-ratio',
        ),
      ]),
    );
    return section;
  }

  function affinityText(affinity) {
    const lps = list(affinity).filter((x) => typeof x === 'number');
    return lps.length > 0 ? ` · affinity LPs ${ranges(lps)}` : '';
  }

  // ------------------------------------------------------------------ memory

  function memorySection(model, colours) {
    const mem = model.memory;
    const host = num(mem.host);
    const rows = partitionByName(model);
    const segments = [];
    let shown = 0;
    const modelSegments = list(mem.segments);
    for (const s of modelSegments) {
      if (s.kind === 'free') continue;
      const bytes = num(s.bytes);
      const row = rows.get(s.owner);
      const position = row && row.position;
      const what =
        s.kind === 'hypervisor'
          ? 'hypervisor reserve'
          : s.dynamic
            ? `${s.owner}: dynamic memory, ${formatBytes(bytes)} at startup (range ${formatBytes(num(s.minimum))} – ${formatBytes(num(s.maximum))})`
            : s.implicit
              ? `${s.owner}: ${formatBytes(bytes)}, what is left of the host (states no memory)`
              : `${s.owner}: ${formatBytes(bytes)}`;
      segments.push({
        owner: s.owner,
        kind: s.kind,
        amount: bytes,
        colour: colours.get(s.owner) || 'c-0',
        label: formatBytes(bytes),
        title: `${what} — ${exactBytes(bytes)}, ${percent(bytes, host)} of host memory`,
        position,
        name: s.kind === 'hypervisor' ? 'hypervisor' : s.owner,
      });
      shown += bytes;
      const growth = s.dynamic ? Math.max(0, num(s.maximum) - bytes) : 0;
      if (growth > 0) {
        segments.push({
          owner: s.owner,
          kind: 'growth',
          amount: growth,
          colour: colours.get(s.owner) || 'c-0',
          label: '',
          title: `${s.owner}: may grow by ${formatBytes(growth)} to its maximum ${formatBytes(num(s.maximum))} — ${exactBytes(growth)}`,
          position,
        });
        shown += growth;
      }
    }
    const freeAtStartup = num((modelSegments.find((s) => s.kind === 'free') || {}).bytes);
    const free = Math.max(0, host - shown);
    if (free > 0) {
      const atStartup = free === freeAtStartup ? '' : ` (${formatBytes(freeAtStartup)} at startup)`;
      segments.push({ owner: 'free', kind: 'free', amount: free, colour: 'c-free', label: formatBytes(free), title: `free: ${formatBytes(free)} with every dynamic child at its maximum${atStartup} — ${exactBytes(free)}` });
    }
    const scale = Math.max(host, shown, 1);
    const committed = num(mem.committed);

    const section = el('section', { id: 'memory', className: 'card' }, [sectionTitle('Memory', `${formatBytes(committed)} committed of ${formatBytes(host)} (${percent(committed, host)})`)]);
    section.append(stackedBar('memory', segments, scale, host, 'data-bytes', `host ${formatBytes(host)}`, shown > host ? 'overflow' : ''));

    const legend = el('ul', { className: 'legend' });
    for (const s of modelSegments) {
      const bytes = num(s.bytes);
      if (s.kind === 'hypervisor') legend.append(legendItem('mem', 'hypervisor', 'c-hv', `reserve ${formatBytes(bytes)}`));
      else if (s.kind === 'free') legend.append(legendItem('mem', 'free', 'c-free', bytes === 0 ? 'none' : `${formatBytes(bytes)} at startup${free !== bytes ? ` · ${formatBytes(free)} at maximum` : ''}`));
      else if (s.dynamic) legend.append(legendItem('mem', s.owner, colours.get(s.owner), `${formatBytes(bytes)} startup · ${formatBytes(num(s.minimum))} – ${formatBytes(num(s.maximum))} dynamic`, rows.get(s.owner), 'dynamic'));
      else legend.append(legendItem('mem', s.owner, colours.get(s.owner), `${formatBytes(bytes)}${s.implicit ? ' (what is left)' : ''} · ${percent(bytes, host)}`, rows.get(s.owner)));
    }
    section.append(legend);

    const shortfall = num(mem.shortfall);
    if (shortfall > 0) {
      section.append(banner('error', `Committed memory (${formatBytes(committed)}) exceeds host memory (${formatBytes(host)}) by ${formatBytes(shortfall)}: the partitions cannot all start.`));
    }
    const ratio = num(mem.overcommitRatio);
    const atMax = num(mem.committedAtMaximum);
    section.append(
      el('div', { className: 'stats' }, [
        stat('Memory at maximum', `${fixed(ratio)} × host`, `${formatBytes(atMax)} of ${formatBytes(host)} with every dynamic child at its maximum`, ratio > 1 ? 'over' : '', ratio, 'memory-ratio'),
      ]),
    );
    return section;
  }

  /**
   * A horizontal stacked bar: each segment's width is amount / scale of the bar. When the scale is
   * larger than the host, a marker shows where the host's capacity ends.
   */
  function stackedBar(name, segments, scale, host, amountAttr, hostLabel, overClass) {
    const bar = el('div', { className: `bar ${overClass}`, id: `${name}-bar`, 'data-scale': String(scale), 'data-host': String(host), role: 'group', 'aria-label': name === 'memory' ? 'Memory by owner' : 'Processors by owner' });
    for (const s of segments) {
      const seg = el('div', {
        className: `segment kind-${s.kind} ${s.colour || 'c-0'}`,
        'data-owner': s.owner,
        'data-kind': s.kind,
        [amountAttr]: String(s.amount),
        title: s.title,
        'aria-label': s.title,
        role: 'img',
        ...(s.kind === 'free' ? {} : { 'data-partition': s.owner }),
        ...revealAttrs(s.position),
      });
      seg.style.width = `${(s.amount / scale) * 100}%`;
      if (s.label) seg.append(segLabel(s.name || s.owner, s.label));
      bar.append(seg);
    }
    const wrap = el('div', { className: 'bar-wrap' }, [bar]);
    const axis = el('div', { className: 'axis' }, [el('span', { text: '0' })]);
    if (scale > host && host > 0) {
      const marker = el('div', { className: 'host-marker', title: `host capacity: ${hostLabel}` });
      marker.style.left = `${(host / scale) * 100}%`;
      bar.prepend(marker);
      const tick = el('span', { className: 'axis-host', text: hostLabel });
      tick.style.left = `${(host / scale) * 100}%`;
      // near the right end the label would be cut off: end it at the marker instead of centring it
      if (host / scale > 0.85) tick.classList.add('axis-host-end');
      axis.append(tick);
    } else {
      axis.append(el('span', { className: 'axis-end', text: hostLabel }));
    }
    wrap.append(axis);
    return wrap;
  }

  function segLabel(name, amount) {
    return el('span', { className: 'seg-label' }, [el('span', { className: 'seg-name', text: name }), el('span', { className: 'seg-amount', text: amount })]);
  }

  /** Shows a segment's label only where it fits: name and amount, else the name, else nothing. */
  function fitLabels() {
    for (const label of app.querySelectorAll('.seg-label')) {
      const seg = /** @type {HTMLElement} */ (label.parentElement);
      label.classList.remove('no-amount', 'hidden');
      const room = seg.clientWidth - 6;
      if (label.scrollWidth <= room) continue;
      label.classList.add('no-amount');
      if (label.scrollWidth <= room) continue;
      label.classList.add('hidden');
    }
  }

  // -------------------------------------------------------------------- NUMA

  function numaSection(model) {
    const numa = model.numa;
    const per = numa.perNode || {};
    const rows = partitionByName(model);
    const section = el('section', { id: 'numa', className: 'card' }, [
      sectionTitle('NUMA', `${numa.nodes} nodes · ${plural(num(per.logicalProcessors), 'LP')} and ${formatBytes(num(per.memory))} each · spanning ${numa.spanning ? 'allowed' : 'not allowed'}`),
    ]);
    const nodes = el('div', { className: 'numa-nodes' });
    for (let i = 0; i < Math.min(numa.nodes, 16); i++) {
      nodes.append(el('div', { className: 'numa-node', text: `node ${i}`, title: `NUMA node ${i}: ${plural(num(per.logicalProcessors), 'logical processor')}, ${formatBytes(num(per.memory))}` }));
    }
    if (numa.nodes > 16) nodes.append(el('div', { className: 'numa-node more', text: `+${numa.nodes - 16}` }));
    section.append(nodes);
    const table = el('table', { className: 'grid' }, [thead(['Partition', 'VPs', 'Memory (maximum)', 'One node'])]);
    const tbody = el('tbody');
    for (const p of list(numa.partitions)) {
      const fits = !!p.fitsOneNode;
      const verdict = fits ? 'fits one node' : numa.spanning ? 'spans nodes' : 'does not fit one node (spanning not allowed)';
      tbody.append(
        el('tr', { 'data-partition': p.name }, [
          el('td', {}, [nameButton(p.name, rows.get(p.name), 'numa')]),
          el('td', { className: 'num', text: String(num(p.virtualProcessors)) }),
          el('td', { className: 'num', text: formatBytes(num(p.memory)), title: exactBytes(num(p.memory)) }),
          el('td', { className: fits ? 'ok' : numa.spanning ? 'muted' : 'bad' }, [el('span', { text: verdict })]),
        ]),
      );
    }
    table.append(tbody);
    section.append(table);
    return section;
  }

  // -------------------------------------------------------------- partitions

  function partitionSection(model, colours) {
    const section = el('section', { id: 'partitions', className: 'card' }, [sectionTitle('Partitions', plural(list(model.partitions).length, 'partition'))]);
    const table = el('table', { className: 'grid' }, [thead(['Partition', 'Role', 'VPs', 'Memory', 'Devices', 'Synthetic', 'Guest'])]);
    const tbody = el('tbody');
    for (const p of list(model.partitions)) {
      const m = p.memory || {};
      const memory =
        m.kind === 'dynamic'
          ? `${formatBytes(num(m.bytes))} startup (${formatBytes(num(m.minimum))} – ${formatBytes(num(m.maximum))})`
          : `${formatBytes(num(m.bytes))}${m.implicit ? ' (what is left)' : ''}`;
      const role = p.role === 'root' ? 'root' : p.parent ? (p.parent === rootName(model) ? 'child' : `nested in ${p.parent}`) : 'child (no parent)';
      const guest = [];
      if (p.os !== undefined) guest.push(el('span', { className: 'os', text: str(p.os) }));
      guest.push(el('span', { className: 'muted', text: `gen ${num(p.generation)}${p.enlightened ? ' · enlightened' : ' · not enlightened'}${p.virtualizationStack ? ' · virtualization stack' : ''}` }));
      tbody.append(
        el('tr', { 'data-partition': p.name }, [
          el('td', {}, [swatch(colours.get(p.name)), nameButton(p.name, p, 'part')]),
          el('td', { text: role }),
          el('td', { className: 'num', text: String(num(p.virtualProcessors)) }),
          el('td', { className: 'num', text: memory, title: exactBytes(num(m.bytes)) }),
          el('td', { className: 'mono', text: list(p.devices).join(', ') || '—' }),
          el('td', { text: list(p.synthetic).join(', ') || '—' }),
          el('td', { className: 'guest' }, guest),
        ]),
      );
    }
    table.append(tbody);
    section.append(el('div', { className: 'table-scroll' }, [table]));
    return section;
  }

  function rootName(model) {
    const root = list(model.partitions).find((p) => p.role === 'root');
    return root ? root.name : undefined;
  }

  // ----------------------------------------------------------------- devices

  function deviceSection(model) {
    const devices = list(model.devices);
    const rows = partitionByName(model);
    const section = el('section', { id: 'devices', className: 'card' }, [sectionTitle('Devices', plural(devices.length, 'host device'))]);
    const table = el('table', { className: 'grid' }, [thead(['Device', 'Class', 'Address', 'Owner', 'How', 'Driver'])]);
    const tbody = el('tbody');
    for (const d of devices) {
      const how = el('td', { className: 'how' }, [el('div', { className: `how-main how-${d.how}`, text: howText(d.how) })]);
      for (const b of list(d.backs)) {
        how.append(el('div', { className: 'backs', text: `backs synthetic ${b.class} for ${list(b.partitions).join(', ')}` }));
      }
      const listedBy = list(d.listedBy);
      if (listedBy.length > 1) how.append(el('div', { className: 'bad', text: `listed by ${listedBy.join(', ')}: only ${listedBy[0]} gets it` }));
      const owner = d.owner === undefined ? el('span', { className: 'muted', text: 'none' }) : nameButton(d.owner, rows.get(d.owner), 'owner');
      const driver = el('td', {});
      if (d.driver !== undefined) {
        driver.append(el('span', { className: 'mono', text: str(d.driver) }));
        if (d.driverRunsIn !== undefined) driver.append(el('span', { className: 'muted', text: ` in ${d.driverRunsIn}` }));
      } else {
        driver.append(el('span', { className: 'muted', text: '—' }));
      }
      tbody.append(
        el('tr', { 'data-device': d.id }, [
          el('td', {}, [el('button', { className: 'link mono', type: 'button', text: str(d.id), title: `Go to ${d.id} in the layout`, 'data-key': `dev:${d.id}`, ...revealAttrs(d.position) })]),
          el('td', { text: str(d.class) }),
          el('td', { className: 'mono', text: d.address === undefined ? '—' : str(d.address) }),
          el('td', { className: 'owner' }, [owner]),
          how,
          driver,
        ]),
      );
    }
    table.append(tbody);
    section.append(el('div', { className: 'table-scroll' }, [table]));
    return section;
  }

  function howText(how) {
    switch (how) {
      case 'assigned':
        return 'assigned';
      case 'root-default':
        return 'root by default';
      case 'root-listed':
        return 'root (listed)';
      default:
        return str(how) || '—';
    }
  }

  // --------------------------------------------------------------- highlight

  function applyHighlight() {
    for (const node of app.querySelectorAll('.is-highlighted')) node.classList.remove('is-highlighted');
    const { partition, device } = highlight;
    if (partition !== undefined) {
      for (const node of app.querySelectorAll('[data-partition]')) {
        if (node.getAttribute('data-partition') === partition) node.classList.add('is-highlighted');
      }
    }
    if (device !== undefined) {
      for (const node of app.querySelectorAll('[data-device]')) {
        if (node.getAttribute('data-device') === device) node.classList.add('is-highlighted');
      }
    }
  }

  // ----------------------------------------------------------------- helpers

  function sectionTitle(title, summary) {
    return el('div', { className: 'section-title' }, [el('h2', { text: title }), el('span', { className: 'summary', text: summary })]);
  }

  function stat(label, value, detail, state, fraction, key) {
    const meter = el('div', { className: 'meter', role: 'presentation' });
    const fill = el('div', { className: 'meter-fill' });
    fill.style.width = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
    meter.append(fill);
    return el('div', { className: `stat ${state}`, id: key, 'data-value': value }, [
      el('div', { className: 'stat-label', text: label }),
      el('div', { className: 'stat-value', text: value }),
      meter,
      el('div', { className: 'stat-detail', text: detail }),
    ]);
  }

  function legendItem(section, name, colour, detail, row, extra) {
    const item = el('li', { className: `legend-item ${extra || ''}`, ...(name === 'free' || name === 'hypervisor' ? {} : { 'data-partition': name }) }, [swatch(colour, extra)]);
    if (row) item.append(nameButton(name, row, `${section}-legend`));
    else item.append(el('span', { className: 'legend-name', text: name }));
    item.append(el('span', { className: 'legend-detail', text: detail }));
    return item;
  }

  function swatch(colour, extra) {
    return el('span', { className: `swatch ${colour || 'c-0'} ${extra === 'nested' ? 'nested' : ''}`, 'aria-hidden': 'true' });
  }

  function nameButton(name, row, keyPrefix) {
    return el('button', { className: 'link', type: 'button', text: str(name), title: `Go to ${name} in the layout`, 'data-key': `${keyPrefix}:${name}`, ...revealAttrs(row && row.position) });
  }

  function revealAttrs(position) {
    if (!position || typeof position.line !== 'number' || typeof position.column !== 'number') return {};
    return { 'data-line': String(position.line), 'data-column': String(position.column) };
  }

  function thead(names) {
    return el('thead', {}, [el('tr', {}, names.map((n) => el('th', { scope: 'col', text: n })))]);
  }

  /** Severity icons drawn as SVG shapes (no icon font, nothing from the network). */
  function icon(severity) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('class', `icon icon-${severity}`);
    svg.setAttribute('aria-hidden', 'true');
    const shape = (tag, attrs) => {
      const node = document.createElementNS(SVG_NS, tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      svg.append(node);
    };
    if (severity === 'error') {
      shape('circle', { cx: '8', cy: '8', r: '6.5', class: 'stroke' });
      shape('path', { d: 'M5.5 5.5l5 5M10.5 5.5l-5 5', class: 'stroke' });
    } else if (severity === 'warning') {
      shape('path', { d: 'M8 1.8l6.6 12H1.4z', class: 'stroke' });
      shape('path', { d: 'M8 6v4M8 11.6v.4', class: 'stroke' });
    } else {
      shape('circle', { cx: '8', cy: '8', r: '6.5', class: 'stroke' });
      shape('path', { d: 'M8 7v4.5M8 4.6v.4', class: 'stroke' });
    }
    return svg;
  }

  /**
   * createElement with properties: `text` sets textContent, `className` the class, `id` the id,
   * anything else is set as an attribute value (never as HTML). Children are nodes.
   * @param {string} tag
   * @param {Record<string, string>} [props]
   * @param {Node[]} [children]
   */
  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'className') node.className = value;
      else if (key === 'id') node.id = value;
      else node.setAttribute(key, value);
    }
    if (children) node.append(...children);
    return node;
  }

  function str(x) {
    return typeof x === 'string' ? x : typeof x === 'number' ? String(x) : undefined;
  }

  function num(x) {
    return typeof x === 'number' && Number.isFinite(x) ? x : 0;
  }

  function list(x) {
    return Array.isArray(x) ? x : [];
  }

  function counts(x) {
    const o = x && typeof x === 'object' ? x : {};
    return { error: num(o.error), warning: num(o.warning), info: num(o.info) };
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  }

  function fixed(x) {
    return (Math.round(x * 100) / 100).toString();
  }

  function percent(part, whole) {
    if (whole <= 0) return '—';
    const p = (part / whole) * 100;
    return `${p < 10 && p !== 0 && Math.round(p) !== p ? p.toFixed(1) : Math.round(p)}%`;
  }

  /** @type {Array<[string, number]>} */
  const UNITS = [
    ['TiB', 2 ** 40],
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ];

  function formatBytes(bytes) {
    for (const [unit, size] of UNITS) {
      if (Math.abs(bytes) >= size) return `${Math.round((bytes / size) * 100) / 100} ${unit}`;
    }
    return `${bytes} B`;
  }

  function exactBytes(bytes) {
    return `${bytes.toLocaleString('en-US')} bytes`;
  }

  /** [0,1,2,3,8,9] -> "0–3, 8–9" */
  function ranges(values) {
    const sorted = [...new Set(values)].sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i < sorted.length; i++) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
      out.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
      i = j;
    }
    return out.join(', ');
  }
})();
