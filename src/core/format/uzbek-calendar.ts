/*
 * Uzbek month names in the official style, as CLDR writes them (no ь in Cyrillic: сентябр), because
 * desktop Chromium has no Uzbek Latin date data and prints "2026 M09 15" (docs/script.md, "Dates, numbers and money").
 */

export const MONTHS_LATIN = ['yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avgust', 'sentabr', 'oktabr', 'noyabr', 'dekabr'] as const;
export const MONTHS_CYRILLIC = ['январ', 'феврал', 'март', 'апрел', 'май', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'] as const;
