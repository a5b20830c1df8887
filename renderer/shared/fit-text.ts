import type { FitProblem } from '../../common/fit';
import { cpuText, memoryText } from '../../common/fit';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Why a pod will not fit on a node, in the wizard's words (its coverage preview and the node view share them). */
export function fitText(t: Translate, p: FitProblem): string {
  switch (p.kind) {
    case 'cpu':
      return t('wizard.nodes.fit.cpu', { need: cpuText(p.need), free: cpuText(p.free) });
    case 'memory':
      return t('wizard.nodes.fit.memory', { need: memoryText(p.need), free: memoryText(p.free) });
    case 'pods':
      return t('wizard.nodes.fit.pods', { max: p.max });
    case 'hostPort':
      return t('wizard.nodes.fit.hostPort', { port: p.port, protocol: p.protocol, holder: p.holder });
  }
}
