import { type Random, weightedPicker } from '@vg/random';

export type Gender = 'MALE' | 'FEMALE';

/**
 * Common surnames with weights roughly proportional to their share of the population (per mille;
 * national figures, with 王/李/张/刘/孙/于 nudged up as they are in Shandong), plus a few rare
 * two-character surnames.
 */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 80],
  ['李', 76],
  ['张', 72],
  ['刘', 58],
  ['陈', 40],
  ['杨', 30],
  ['赵', 24],
  ['孙', 22],
  ['黄', 15],
  ['周', 16],
  ['吴', 14],
  ['徐', 16],
  ['于', 12],
  ['马', 12],
  ['胡', 11],
  ['朱', 11],
  ['高', 13],
  ['郭', 12],
  ['林', 8],
  ['何', 8],
  ['罗', 6],
  ['宋', 9],
  ['郑', 8],
  ['韩', 10],
  ['梁', 7],
  ['谢', 6],
  ['唐', 6],
  ['冯', 7],
  ['董', 8],
  ['曹', 7],
  ['崔', 7],
  ['田', 7],
  ['袁', 5],
  ['邓', 5],
  ['许', 6],
  ['付', 5],
  ['程', 5],
  ['魏', 6],
  ['吕', 6],
  ['蒋', 4],
  ['蔡', 4],
  ['贾', 5],
  ['丁', 5],
  ['石', 5],
  ['毕', 3],
  ['翟', 3],
  ['房', 2],
  ['耿', 3],
  ['欧阳', 0.4],
  ['司马', 0.2],
  ['诸葛', 0.2],
  ['上官', 0.2],
  ['公孙', 0.1],
  ['东方', 0.1],
];

// Given-name characters; the neutral ones are used for both.
const MALE_CHARS = [...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林洋峰建国志文庆海东亮成栋博昊'];
const FEMALE_CHARS = [...'芳娜敏静丽艳娟霞秀玲燕红梅莉婷雪琳晶颖倩欣怡佳慧萍丹洁美蕾璐瑶琪淑岚'];
const NEUTRAL_CHARS = [...'晓子思雨嘉新春家永德一诗安'];

const pickSurname = weightedPicker(
  SURNAMES.map(([surname]) => surname),
  SURNAMES.map(([, weight]) => weight),
);

/** A surname by population weight. */
export function surname(random: Random): string {
  return pickSurname(random);
}

/**
 * A full name: surname plus a given name of one character (about 30%) or two. Given-name
 * characters lean towards `gender`, about one in six is neutral.
 */
export function personName(random: Random, gender: Gender): string {
  const chars = gender === 'MALE' ? MALE_CHARS : FEMALE_CHARS;
  const first = random.chance(1 / 6) ? random.pick(NEUTRAL_CHARS) : random.pick(chars);
  if (random.chance(0.3)) return surname(random) + first;
  const second = random.chance(1 / 6) ? random.pick(NEUTRAL_CHARS) : random.pick(chars);
  return surname(random) + first + second;
}
