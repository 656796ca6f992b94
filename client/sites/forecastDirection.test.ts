import { describe, expect, it } from 'vitest';
import { contributionDirection } from './forecastDirection';
import { translate } from '../i18n/i18n';

// Means of the fitted NYC set (nyc-sod-deposits, model v7; coefficients −0.1894, +0.0512, +0.315) for three of its
// columns, and the values of the top Chase cell of the NYC grid (892a100d677ffff, Midtown-Times Square, $887 M).
const model = { features: ['logHuffExpectedResidents', 'logResidents1000m', 'logAgeYears'], means: [8.3955, 10.8432, 3.0349] };

describe('contributionDirection', () => {
  it('a below-average crowding index with a negative coefficient raises the forecast (+48 %: e^0.3948 = 1.484)', () => {
    const why = contributionDirection(model, { feature: 'logHuffExpectedResidents', value: 6.83585, contributionLog: 0.394768 })!;
    expect(why).toEqual({ side: 'below', effect: 'raises' });
    expect(translate('en', `forecast.direction.${why.side}.${why.effect}`))
      .toBe('lower here than at the average branch the model learnt from, which raises the forecast');
    expect(translate('zh', `forecast.direction.${why.side}.${why.effect}`)).toBe('此处低于模型所学网点的平均水平，因而使预测提高');
  });
  it('an above-average value that lowers it; an assumed age; no line for a feature outside the model or a 0 term', () => {
    // a crowded cell (ln 9.0 > 8.3955): the negative coefficient lowers it; more residents than average raise it
    expect(contributionDirection(model, { feature: 'logHuffExpectedResidents', value: 9.0, contributionLog: -0.08 })).toEqual({ side: 'above', effect: 'lowers' });
    expect(contributionDirection(model, { feature: 'logResidents1000m', value: 11.2, contributionLog: 0.02 })).toEqual({ side: 'above', effect: 'raises' });
    // 10 years (ln 10 = 2.3026) is younger than the average fitted branch: the forecast's own assumption, −20 %
    const age = contributionDirection(model, { feature: 'logAgeYears', value: 2.302585, contributionLog: -0.223172 })!;
    expect(age).toEqual({ side: 'assumed', effect: 'lowers' });
    expect(translate('en', 'forecast.direction.assumed.lowers', { age: 10 })).toBe('set by the forecast (a new branch at 10 years), which lowers it');
    expect(contributionDirection(model, { feature: 'bankEffect', value: 1, contributionLog: 0.2 })).toBeNull();
    expect(contributionDirection(model, { feature: 'logResidents1000m', value: 10.1, contributionLog: 0 })).toBeNull();
  });
});
