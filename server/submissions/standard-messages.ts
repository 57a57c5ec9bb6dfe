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
  paid: {
    uz: 'Toʻlov qabul qilindi. Ariza idoraga yuborildi.',
    'uz-Cyrl': 'Тўлов қабул қилинди. Ариза идорага юборилди.',
    ru: 'Оплата получена. Заявление передано в ведомство.',
    en: 'Payment received. The application has gone to the agency.',
  },
  paymentExpired: {
    uz: 'Toʻlov muddatida qilinmadi, shuning uchun ariza koʻrib chiqilmaydi. Kerak boʻlsa, yangi ariza bering.',
    'uz-Cyrl': 'Тўлов муддатида қилинмади, шунинг учун ариза кўриб чиқилмайди. Керак бўлса, янги ариза беринг.',
    ru: 'Оплата не поступила в срок, поэтому заявление не будет рассмотрено. Если нужно, подайте новое.',
    en: 'The fee was not paid in time, so the application will not be considered. Apply again if you need to.',
  },
  paymentRefunded: {
    uz: 'Toʻlov qaytarildi. Ariza yana toʻlovni kutmoqda.',
    'uz-Cyrl': 'Тўлов қайтарилди. Ариза яна тўловни кутмоқда.',
    ru: 'Оплата возвращена. Заявление снова ждёт оплаты.',
    en: 'The payment was refunded. The application is waiting for payment again.',
  },
} as const satisfies Record<string, StatusMessage>;
