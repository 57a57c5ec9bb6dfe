import type { StatusMessage } from '../../src/contract/index';

/**
 * Messages the server itself writes onto a status, in all four languages (uz-Cyrl by the rules of
 * src/core/script, checked by hand). What an agency officer types goes as typed.
 */
export const STANDARD_MESSAGES = {
  automated: {
    uz: 'Ariza avtomatik tarzda koʻrib chiqildi va bajarildi.',
    'uz-Cyrl': 'Ариза автоматик тарзда кўриб чиқилди ва бажарилди.',
    ru: 'Заявление рассмотрено и исполнено автоматически.',
    en: 'The application was processed and completed automatically.',
  },
} as const satisfies Record<string, StatusMessage>;
