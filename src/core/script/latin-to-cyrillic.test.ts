import { describe, expect, it } from 'vitest';
import { loadScriptDictionaries } from '../../../scripts/load-script-dictionaries';
import { latinToCyrillic } from './latin-to-cyrillic';

const { latinToCyrillic: dictionary } = loadScriptDictionaries();
const convert = (text: string) => latinToCyrillic(text, dictionary);

describe('latinToCyrillic', () => {
  it.each([
    ['one to one letters', 'Bahodir quvnoq jilmaydi', 'Баҳодир қувноқ жилмайди'],
    ['sh ch ng', 'shahar choy tong', 'шаҳар чой тонг'],
    ['oʻ gʻ with U+02BB', 'Oʻzbekiston togʻ', 'Ўзбекистон тоғ'],
    ['oʻ gʻ typed with any apostrophe', "O'zbekiston tog` Gʼulom o’rmon", 'Ўзбекистон тоғ Ғулом ўрмон'],
    ['tutuq to ъ', 'maʼno sanʼat eʼlon', 'маъно санъат эълон'],
    ['tutuq typed with an ASCII apostrophe', "ma'lumot", 'маълумот'],
    ['sʼh to сҳ, not ш', 'Isʼhoq asʼhob', 'Исҳоқ асҳоб'],
    ['ye at word start and after a vowel to е', 'yetti qayerda Nizoyev', 'етти қаерда Низоев'],
    ['ye after a Russian prefix to ъе', 'obyekt subyekt syezd podyezd', 'объект субъект съезд подъезд'],
    ['ye after another consonant to ье', 'kuryer Vyetnam Syerra-Leone', 'курьер Вьетнам Сьерра-Леоне'],
    ['e at word start and after a vowel to э', 'eski poeziya aerodrom', 'эски поэзия аэродром'],
    ['e after a consonant to е', 'kelin kecha', 'келин кеча'],
    ['e after i to е', 'klient dieta', 'клиент диета'],
    ['ee and a vowel + ev in Russian names written without y to е', 'Sergeevna Nikolaevich Alekseev Kievda reestr', 'Сергеевна Николаевич Алексеев Киевда реестр'],
    ['e after a hyphen starts a word', 'omon-eson bugun-erta', 'омон-эсон бугун-эрта'],
    ['yo yu ya to ё ю я', 'yoz yulduz yaxshi dunyo Qashqadaryo', 'ёз юлдуз яхши дунё Қашқадарё'],
    ['yy before a vowel', 'tayyor Sayyora', 'тайёр Сайёра'],
    ['yoʻ to йў', 'yoʻl Yoʻldosh', 'йўл Йўлдош'],
    ['ts after a vowel before -iya, -ion, e to ц', 'operatsiya revolyutsion litsey protsent', 'операция революцион лицей процент'],
    ['ts before e after a consonant to ц too', 'Gertsegovina', 'Герцеговина'],
    ['other ts stay т + с', 'ketsa aytsin', 'кетса айтсин'],
    ['s after a consonant in -кция -енция -анция -енциал to ц', 'reaksiya konferensiyalar stansiyaga auksion potensial eksponensial', 'реакция конференциялар станцияга аукцион потенциал экспоненциал'],
    ['other s + iya stay с', 'komissiya versiya', 'комиссия версия'],
    ['quotation marks to « »', '“Taʼlim toʻgʻrisida”gi qonun', '«Таълим тўғрисида»ги қонун'],
    ['each pair of quotation marks', '“A” va “B” toifa', '«А» ва «Б» тоифа'],
    ['a quotation mark without its partner stays', '”Navoiy”ga „Navoiy”ga', '”Навоий”га „Навоий”га'],
    ['capitals: title case and all capitals', 'Shahar SHAHAR Chiqish CHIQISH', 'Шаҳар ШАҲАР Чиқиш ЧИҚИШ'],
    ['abbreviations with mixed-case digraphs', 'JShShIR MChJ AQSh FHDYo', 'ЖШШИР МЧЖ АҚШ ФҲДЁ'],
    ['abbreviations with suffixes', 'JShShIRdagi MChJning', 'ЖШШИРдаги МЧЖнинг'],
    ['the date hyphen goes', '2026-yil 15-sentabr', '2026 йил 15 сентябрь'],
    ['the date hyphen goes before suffixes too', '2026-yildan 1-yanvargacha', '2026 йилдан 1 январгача'],
    ['the date hyphen goes before Russian-style month spellings', '4-oktyabrdagi', '4 октябрдаги'],
    ['other ordinals keep the hyphen', '7-sinf 3-modda', '7-синф 3-модда'],
    ['a count of years has no hyphen to drop', '5 yil', '5 йил'],
    ['sentabr and oktabr: ya written a', 'sentabr oktabrda', 'сентябрь октябрда'],
    ['months with ь alone, as published Cyrillic text writes them', 'yanvar fevral aprel iyun iyul noyabr dekabr', 'январь февраль апрель июнь июль ноябрь декабрь'],
    ['months lose ь before a suffix', '5-fevraldagi 1-iyulgacha dekabrda', '5 февралдаги 1 июлгача декабрда'],
    ['the 2026 alphabet converts too', 'Özbekiston şaharlari çiqiş boğ', 'Ўзбекистон шаҳарлари чиқиш боғ'],
  ])('%s', (_, latin, cyrillic) => {
    expect(convert(latin)).toBe(cyrillic);
  });

  it.each([
    ['ц words (seed)', 'aksent fransuz dotsent', 'акцент француз доцент'],
    ['ь words (seed)', 'mebel model pedal', 'мебель модель педаль'],
    ['ъ words (seed)', 'obyektiv', 'объектив'],
    ['ц written s (project)', 'sirk sement', 'цирк цемент'],
    ['ь words (project)', 'film avtomobil pyesa', 'фильм автомобиль пьеса'],
    ['exceptions to -енция -анция', 'pensiya vakansiya', 'пенсия вакансия'],
    ['y + vowel that is not ё ю я', 'mayor rayon poyabzal konveyer foye pleyer', 'майор район пойабзал конвейер фойе плейер'],
    ['э after a consonant', 'mer reket karate', 'мэр рэкет каратэ'],
    ['е after a vowel', 'poezd', 'поезд'],
    ['place names', 'Nyu-Yorkda Los-Anjeles', 'Нью-Йоркда Лос-Анжелес'],
    ['qayer written without y', 'qaerda qaerga', 'қаерда қаерга'],
    ['units', '5 rubl, rubldan', '5 рубль, рублдан'],
    ['Russian names with Е written E', 'Elena, Evgeniy, Ekaterina, Egor; Eduard, Ergash, Elyor', 'Елена, Евгений, Екатерина, Егор; Эдуард, Эргаш, Элёр'],
    ['ь before ю я е in loans', 'kompyuter intervyu premyera pavilyon', 'компьютер интервью премьера павильон'],
    ['s + h written without the tutuq', 'Ishoq', 'Исҳоқ'],
    ['exceptions keep capitals', 'Sirk SIRK', 'Цирк ЦИРК'],
  ])('exception dictionary: %s', (_, latin, cyrillic) => {
    expect(convert(latin)).toBe(cyrillic);
  });

  it.each([
    ['ъ after ў, not written in Latin', 'moʻjiza moʻtabar manbalar moʻtadil iqlim', 'мўъжиза мўътабар манбалар мўътадил иқлим'],
    ['ъ after ў before suffixes', 'moʻjizalar moʻtabarligi', 'мўъжизалар мўътабарлиги'],
    ['the tutuq after a vowel', 'maʼlumot taʼlim eʼtibor qatʼiy', 'маълумот таълим эътибор қатъий'],
    ['man before et- or qil- is манъ', 'Chekish man etiladi. Man qilingan', 'Чекиш манъ этилади. Манъ қилинган'],
    ['other man stays ман', 'man bordim, manba, man-manlik', 'ман бордим, манба, ман-манлик'],
  ])('Arabic loans: %s', (_, latin, cyrillic) => {
    expect(convert(latin)).toBe(cyrillic);
  });

  it.each([
    ['suffixes after an exception stem', 'konsertlarda aksentni sirkka', 'концертларда акцентни циркка'],
    ['a stem ending in ь loses it before a consonant too', 'mebellar modelni avtomobilda', 'мебеллар моделни автомобилда'],
    ['a stem ending in ь loses it before a vowel', 'modeli avtomobilim', 'модели автомобилим'],
    ['a stem ending in ь keeps it alone', 'model', 'модель'],
    ['a word that only starts like a stem is left to the rules', 'rulon', 'рулон'],
    ['a stem in title case', 'Konsertlar', 'Концертлар'],
  ])('stems: %s', (_, latin, cyrillic) => {
    expect(convert(latin)).toBe(cyrillic);
  });

  it.each([
    ['placeholders', 'Yangilangan: {{time}}.', 'Янгиланган: {{time}}.'],
    ['links', 'Batafsil: https://my.gov.uz/uz/service/298 saytida', 'Батафсил: https://my.gov.uz/uz/service/298 сайтида'],
    ['bare host names', 'my.gov.uz portalida', 'my.gov.uz порталида'],
    ['e-mail addresses', 'yordam@my.gov.uz manziliga', 'yordam@my.gov.uz манзилига'],
    ['Roman numerals, in the Cyrillic letters the keyboard has', 'XXI asr, II guruh, XIV bob, MCM', 'ХХI аср, II гуруҳ, ХIV боб, МСМ'],
    ['known brands', 'Pepsi va Starlink', 'Pepsi ва Starlink'],
    ['words with c, w or other letters', 'Coca-Cola, WhatsApp, café', 'Coca-Cola, WhatsApp, café'],
    ['capitals inside a word', 'iPhone va OneID', 'iPhone ва OneID'],
    ['hyphenated compounds with a foreign part', 'Wi-Fi tarmogʻi', 'Wi-Fi тармоғи'],
    ['the Uzbek word in a compound with a brand', 'Call-markaz', 'Call-марказ'],
    ['Cyrillic letters', 'Тошкент shahri', 'Тошкент шаҳри'],
    ['digits and punctuation', '4,5 foizi (BHM) — 1 250 000 soʻm!', '4,5 фоизи (БҲМ) — 1 250 000 сўм!'],
  ])('leaves alone: %s', (_, latin, cyrillic) => {
    expect(convert(latin)).toBe(cyrillic);
  });

  it.each([
    ['Latin abbreviations', 'ID-karta, PDF yoki JPEG shaklida, SMS orqali', 'ID-карта, PDF ёки JPEG шаклида, SMS орқали'],
    ['Latin abbreviations with suffixes', 'SMSlar IDga', 'SMSлар IDга'],
    ['a foreign word, an apostrophe and suffixes', "URL'dan Google'da iPhone’ga", "URL'дан Google'да iPhone’га"],
    ['an Uzbek word in capitals that starts like an abbreviation', 'IDORA OKEAN', 'ИДОРА ОКЕАН'],
    ['Uzbek words in a compound with an abbreviation', 'QR-kod SMS-xabar ID-kartangizdagi', 'QR-код SMS-хабар ID-картангиздаги'],
  ])('Latin abbreviations: %s', (_, latin, cyrillic) => {
    expect(convert(latin)).toBe(cyrillic);
  });

  it.each([
    ['glued to a name, where they look like Roman numerals too', 'I.Karimov, M.Mirziyoyev, V.Ivanov', 'И.Каримов, М.Мирзиёев, В.Иванов'],
    ['two initials', 'I.A.Karimov, Karimov I.A.', 'И.А.Каримов, Каримов И.А.'],
    ['single letters', 'A) band, B toifa, Sh.Rashidov', 'А) банд, Б тоифа, Ш.Рашидов'],
    ['a numbered heading stays a Roman numeral', 'I. Umumiy qoidalar', 'I. Умумий қоидалар'],
  ])('initials and letters: %s', (_, latin, cyrillic) => {
    expect(convert(latin)).toBe(cyrillic);
  });

  it('keeps a word a dictionary entry maps to itself', () => {
    const keep = new Map([['telegram', 'telegram']]);
    expect(latinToCyrillic('Telegram orqali', keep)).toBe('Telegram орқали');
  });

  it('works without a dictionary', () => {
    expect(latinToCyrillic('Oʻzbekiston')).toBe('Ўзбекистон');
  });
});
