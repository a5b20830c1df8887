// Annotation keys the backend writes or reads for rows and the renderer writes through the wizard: one spelling.

/** KubeSphere's display name for an object (its console shows it beside the name). */
export const ALIAS_ANNOTATION = 'kubesphere.io/alias-name';

/** KubeSphere's free-text description of an object. */
export const DESCRIPTION_ANNOTATION = 'kubesphere.io/description';
