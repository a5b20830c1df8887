import type { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { onBeforeUnmount, onMounted, shallowRef, type Ref, type ShallowRef } from 'vue';

/** The monospace font every CodeMirror view of the app draws in. */
export const monospaceFont = EditorView.theme({
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
});

/**
 * A CodeMirror view in `host`'s shadow root for the component's lifetime. In a shadow root CodeMirror styles itself
 * with constructed style sheets, which the app's Content-Security-Policy (style-src 'self', no inline <style>) allows.
 */
export function useShadowView(
  host: Ref<HTMLElement | null>,
  initial: () => EditorState,
  options: { fill?: boolean } = {},
): ShallowRef<EditorView | null> {
  const view = shallowRef<EditorView | null>(null);
  onMounted(() => {
    if (!host.value) return;
    const root = host.value.shadowRoot ?? host.value.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    if (options.fill === true) parent.style.height = '100%';
    root.append(parent);
    view.value = new EditorView({ parent, root, state: initial() });
  });
  onBeforeUnmount(() => {
    view.value?.destroy();
    view.value = null;
    host.value?.shadowRoot?.replaceChildren();
  });
  return view;
}
