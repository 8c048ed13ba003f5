// spec-runner reads its config with PyYAML, whose YAML 1.1 booleans are yes/no/on/off/true/false
// but not the bare y/n that the `yaml` package's 1.1 schema also accepts; this narrows them so
// `main_branch: n` stays a string here as it does there.
import type { ScalarTag, Tags } from 'yaml';

const BOOL_TAG = 'tag:yaml.org,2002:bool';
const PY_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const PY_FALSE = /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/;

function isBoolScalarTag(tag: Tags[number]): tag is ScalarTag {
  return typeof tag === 'object' && tag.tag === BOOL_TAG && tag.test instanceof RegExp;
}

export function pyYamlTags(tags: Tags): Tags {
  return tags.map((tag) => {
    if (!isBoolScalarTag(tag)) return tag;
    const forTrue = tag.identify?.(true) === true;
    return { ...tag, test: forTrue ? PY_TRUE : PY_FALSE };
  });
}
