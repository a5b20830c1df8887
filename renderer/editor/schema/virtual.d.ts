declare module 'virtual:k8s-schemas' {
  import type { SchemaSet } from './types';
  const schemas: SchemaSet;
  export default schemas;
}
