/**
 * What edit mode's value completion offers from the cluster for one project (issue 18): names only, never a Secret's
 * data. A part the user may not read is empty, not an error.
 */
export interface EditorSuggestions {
  /** container images of DaemonSets: the cluster's when the user may list them all, else the project's */
  images: string[];
  /** ConfigMap names of the project */
  configMaps: string[];
  /** Secret names of the project */
  secrets: string[];
  /** label keys the cluster's nodes carry */
  nodeLabelKeys: string[];
}
