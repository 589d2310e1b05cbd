/** Every setting defined once (issue 11, item 4): the table, its value rules and the schemas made from them. */
export { COMPARE_SETTINGS } from './compareSettings.js';
export { namedString, ruleSchema, type ValueRule } from './rules.js';
export { isScalarRule, parseRuleText, ruleProblem, ruleText, ruleTextValue, type RuleProblem, type ScalarRule } from './check.js';
export { configSchema } from './schema.js';
export { issueText } from './issueText.js';
export { defaultRunConfig, formatRuleValue, getPath, RUN_SETTINGS, runSetting, setPath, type Setting } from './table.js';
