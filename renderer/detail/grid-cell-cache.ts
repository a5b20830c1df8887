import type { DetailPod } from '../../electron/contract/detail-dto';
import type { DetailNode } from './eligibility';
import { cellFor, cellsOf, podsByNode, type GridCell } from './node-grid';
import { keepEqual } from '../shared/keep-equal';
import { same } from '../../common/matrix-delta';

/**
 * The node grid's cells, kept from one picture to the next. A delta keeps every pod it did not change as the same
 * object, so a rollout step on 5,000 nodes finds its few hundred changed nodes by identity, walking the pods once,
 * and judges only those nodes' cells again; the other cells stay the same objects (v-memo skips them). A change of the
 * nodes or of the current revision judges every cell again.
 */
export class GridCellCache {
  private nodes: readonly DetailNode[] | undefined;
  private hash: string | undefined;
  private eligible = new Set<string>();
  private byNode = new Map<string, DetailPod[]>();
  private index = new Map<string, number>();
  private cells: GridCell[] = [];

  update(nodes: readonly DetailNode[], pods: readonly DetailPod[], hash: string | undefined): GridCell[] {
    if (nodes !== this.nodes || hash !== this.hash) return this.rebuild(nodes, pods, hash);
    const changed = this.changedNodes(pods);
    if (changed === 'all') return this.rebuild(nodes, pods, hash);
    if (changed.length === 0) return this.cells;
    const ready = new Map(nodes.map((n) => [n.name, n.ready]));
    let next: GridCell[] | undefined;
    for (const node of changed) {
      const at = this.index.get(node) ?? -1;
      const cell = cellFor(node, this.byNode.get(node) ?? [], ready.get(node) ?? true, hash);
      const was = this.cells[at];
      if (was === undefined || same(was, cell)) continue;
      next ??= [...this.cells];
      next[at] = cell;
    }
    if (next) this.cells = next;
    return this.cells;
  }

  /**
   * The nodes whose pods are not the same objects as last time (their lists updated in `byNode`); 'all' when a node
   * gained its first pod or lost its last and has no cell of its own otherwise (the grid's rows change).
   */
  private changedNodes(pods: readonly DetailPod[]): string[] | 'all' {
    const changed: string[] = [];
    const seen = new Set<string>();
    // The pods come in (node, name) order: each node's pods are one run.
    for (let start = 0; start < pods.length;) {
      const node = (pods[start] as DetailPod).node;
      let end = start + 1;
      while (end < pods.length && (pods[end] as DetailPod).node === node) end++;
      if (node !== '') {
        // Not in order after all: judge the grid whole rather than a node by half its pods.
        if (seen.has(node)) return 'all';
        seen.add(node);
        const had = this.byNode.get(node);
        if (!had || had.length !== end - start || had.some((pod, i) => pod !== pods[start + i])) {
          if (!this.index.has(node)) return 'all';
          this.byNode.set(node, pods.slice(start, end));
          changed.push(node);
        }
      }
      start = end;
    }
    for (const node of this.byNode.keys()) {
      if (seen.has(node)) continue;
      // A node the DaemonSet no longer wants keeps its cell only while a pod of it is still there.
      if (!this.eligible.has(node)) return 'all';
      this.byNode.delete(node);
      changed.push(node);
    }
    return changed;
  }

  private rebuild(nodes: readonly DetailNode[], pods: readonly DetailPod[], hash: string | undefined): GridCell[] {
    this.nodes = nodes;
    this.hash = hash;
    this.eligible = new Set(nodes.filter((n) => n.eligible).map((n) => n.name));
    this.byNode = podsByNode(pods);
    this.cells = keepEqual(this.cells, cellsOf(nodes, this.byNode, hash), (cell) => cell.node);
    this.index = new Map(this.cells.map((cell, i) => [cell.node, i]));
    return this.cells;
  }
}
