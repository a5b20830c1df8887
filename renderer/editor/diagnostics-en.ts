// The editor's diagnostics in English (en.ts: `editor.diag`). The checks build their English text from these too
// (diagnostic-text.ts), so the two never drift. vue-i18n syntax: {name} placeholders; `|`, `@` and braces are special,
// so brackets and quotes reach a message as parameters.
const diagnosticsEn = {
  notMapping: 'A Kubernetes object must be a mapping.',
  missingField: 'Missing required field "{field}".',
  noSchema: 'No schema for {kind} ({apiVersion}): passed through unchecked (a custom resource?).',
  expected: '{path}: expected {expected}.',
  expectedGot: '{path}: expected {expected}, got {got}.',
  expectedQuote: '{path}: expected {expected}, got {got} (quote it).',
  unknownField: 'unknown field "{field}"',
  unknownFieldSuggest: 'unknown field "{field}"; did you mean "{suggestion}"?',
  renameTo: 'Rename to {name}',
  unsupportedValue: '{field}: Unsupported value "{value}": supported values: {values}',
  checkFailed: 'Check failed: {error}',
  /** the words a type error names (`terms` of a diagnostic) */
  type: {
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'a boolean',
    intOrString: 'an integer or a string',
    list: 'a list',
    object: 'an object',
    null: 'null',
    value: 'a value',
  },
  rule: {
    nameRequired: 'metadata.name: Required value: name or generateName is required',
    tooLong: '{field}: Invalid value: "{value}": must be no more than {max} characters',
    notLabel:
      '{field}: Invalid value: "{value}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
    notSubdomain:
      "{field}: Invalid value: \"{value}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    keyPrefixTooLong: '{field}: Invalid value: "{value}": prefix part must be no more than {max} characters',
    keyPrefix:
      "{field}: Invalid value: \"{value}\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    keyName:
      "{field}: Invalid value: \"{value}\": name part must be at most 63 characters of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric",
    labelValue:
      "{field}: Invalid value: {value}: a valid label value must be at most 63 characters of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric",
    labelNotString: '{field}: Invalid value: {value}: label values must be strings (quote it)',
    emptySelector: 'spec.selector: Invalid value: empty selector is invalid for daemonset',
    selectorMismatch: 'spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`',
  },
  yaml: {
    nonBreakingSpace: 'Non-breaking space: YAML does not read it as indentation; replace it with ordinary spaces.',
    ambiguous: '"{raw}" is read as {read} (YAML 1.1, as kubectl reads it); quote it if you mean the text "{raw}".',
    cannotParse: 'Cannot parse: {error}',
    cannotRead: 'Cannot read the document: {error}',
    unclosedQuote: 'This {quote} quote is never closed: the string runs on from here.',
    unclosedFlow: 'This {open} is never closed with {close}.',
    /** a code of the yaml library this catalogue does not know: its own message, as it wrote it */
    other: 'YAML: {message}',
    code: {
      ALIAS_PROPS: 'An alias cannot have an anchor or a tag.',
      BAD_ALIAS: 'This alias names no anchor defined before it.',
      BAD_COLLECTION_TYPE: 'This collection does not fit its tag.',
      BAD_DIRECTIVE: 'Unknown or malformed directive.',
      BAD_DQ_ESCAPE: 'Invalid escape sequence in a double-quoted string.',
      BAD_INDENT: 'Wrong indentation: this line does not line up with the collection it belongs to.',
      BAD_PROP_ORDER: 'Anchors and tags must come before the value.',
      BAD_SCALAR_START: 'A plain value cannot start with this character: quote it.',
      BLOCK_AS_IMPLICIT_KEY: 'A nested mapping cannot follow a key on the same line: put it on its own indented lines.',
      BLOCK_IN_FLOW: 'Block collections are not allowed inside flow collections ([ ] or braces).',
      DUPLICATE_KEY: 'This key appears twice in the same mapping; keys must be unique.',
      IMPOSSIBLE: 'The YAML reader reached a state it cannot handle.',
      KEY_OVER_1024_CHARS: 'A key on one line may be at most 1024 characters.',
      MISSING_CHAR: 'A closing character is missing.',
      MULTILINE_IMPLICIT_KEY: 'A key must be on a single line (is a colon or a quote missing?).',
      MULTIPLE_ANCHORS: 'A value can have only one anchor.',
      MULTIPLE_DOCS: 'Several documents where one is expected.',
      MULTIPLE_TAGS: 'A value can have only one tag.',
      NON_STRING_KEY: 'Keys must be strings.',
      RESOURCE_EXHAUSTION: 'The document is too large to read.',
      TAB_AS_INDENT: 'Tabs are not allowed as indentation: use spaces.',
      TAG_RESOLVE_FAILED: 'This value does not fit its tag.',
      UNEXPECTED_TOKEN: 'Unexpected text here.',
    },
  },
  json: {
    unclosedString: 'This string is never closed: add the closing quote on the same line.',
    unclosed: 'This {open} is never closed with {close}.',
    unexpected: 'Unexpected {token} here: expected {expected}.',
    end: 'The text ends here: expected {expected}.',
    after: 'Unexpected text after the JSON value.',
    badEscape: 'Invalid escape sequence in a string.',
    control: 'A string cannot hold a line break or a tab: write it as \\n or \\t.',
    /** what the reader expected: a term of `unexpected` and `end` */
    want: {
      value: 'a value',
      key: 'a field name in double quotes',
      colon: 'a colon',
      commaOrClose: 'a comma or {close}',
    },
    other: 'JSON: {message}',
  },
};

export default diagnosticsEn;
