import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../../../renderer/i18n';
import { podPhaseText } from '../../../../renderer/shared/pod-phase';

// A pod's phase in the user's language; a phase the app does not know stays as the cluster wrote it.
describe('podPhaseText', () => {
  const t = (locale: 'en' | 'zh-CN') => {
    const i18n = createAppI18n(locale);
    return (key: string): string => i18n.global.t(key);
  };

  it('translates the five phases (glossary: Running 运行中)', () => {
    expect(podPhaseText(t('zh-CN'), 'Running')).toBe('运行中');
    expect(podPhaseText(t('zh-CN'), 'Pending')).toBe('等待中');
    expect(podPhaseText(t('en'), 'Running')).toBe('Running');
    expect(['Succeeded', 'Failed', 'Unknown'].map((p) => podPhaseText(t('zh-CN'), p))).toEqual([
      '已成功',
      '已失败',
      '未知',
    ]);
  });

  it('keeps an unknown phase as written', () => {
    expect(podPhaseText(t('zh-CN'), 'Evicted')).toBe('Evicted');
  });

  it('joins sentences with a space in English and nothing in Chinese', () => {
    expect(t('en')('app.sentenceJoin')).toBe(' ');
    expect(t('zh-CN')('app.sentenceJoin')).toBe('');
  });
});
