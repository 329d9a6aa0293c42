"""Families search in their own language: the commonest needs in Polish, Arabic, Urdu and Romanian reach the English
listings through synonym groups the directory team can edit (or extend with another language)."""

from django.db import migrations

from search.seeding import synonym_groups

# One need per group: the English words the listings use, then Polish, Arabic, Urdu and Romanian, with the forms
# families type (Polish cases, Arabic with and without the article).
SEED = [
    "autism, autyzm, autyzmu, autyzmem, autystyczne dziecko, توحد, التوحد, طيف التوحد, آٹزم, autist, autista",
    "adhd, nadpobudliwość, nadpobudliwosc, فرط الحركة, تشتت الانتباه, اے ڈی ایچ ڈی, hiperactivitate",
    "debt, money advice, długi, dług, długów, pieniądze, pieniędzmi, problemy finansowe, ديون, دين, مال, قرض, قرضہ, "
    "پیسے, datorii, datorie, bani",
    "food bank, bank żywności, jedzenie, żywność, بنك الطعام, بنك طعام, طعام, فوڈ بینک, کھانا, banca de alimente, "
    "mâncare, alimente",
    "breastfeeding, karmienie piersią, karmienie, الرضاعة الطبيعية, رضاعة طبيعية, رضاعة, دودھ پلانا, بریسٹ فیڈنگ, "
    "alăptare, alaptare",
    "pregnancy, pregnant, antenatal, ciąża, ciąży, w ciąży, حمل, حامل, الحمل, حاملہ, sarcină, gravidă, însărcinată",
    "baby, niemowlę, niemowlak, noworodek, رضيع, طفل رضيع, شیر خوار, نومولود, bebeluș, nou-născut",
    "toddler group, stay and play, grupa zabaw, maluchy, maluch, zabawa, مجموعة لعب, لعب الأطفال, کھیل گروپ, "
    "grup de joacă, joacă",
    "mental health, emotional wellbeing, zdrowie psychiczne, psycholog, الصحة النفسية, صحة نفسية, ذہنی صحت, "
    "sănătate mintală, sanatate mintala",
    "counselling, terapia, poradnictwo, استشارة نفسية, إرشاد نفسي, کونسلنگ, consiliere, psiholog",
    "anxiety, lęk, niepokój, stres, قلق, القلق, پریشانی, بے چینی, anxietate",
    "domestic abuse, przemoc domowa, przemoc, العنف الأسري, عنف أسري, عنف منزلي, گھریلو تشدد, violență domestică",
    "young carers, młody opiekun, młodzi opiekunowie, مقدم رعاية صغير, نوجوان نگہداشت کنندہ, tânăr îngrijitor",
    "parenting, rodzicielstwo, wychowanie dzieci, تربية الأطفال, الأبوة, پرورش, creșterea copiilor",
    "special educational needs, send, specjalne potrzeby edukacyjne, niepełnosprawność, احتياجات خاصة, "
    "ذوي الاحتياجات الخاصة, إعاقة, خصوصی ضروریات, معذوری, cerințe educaționale speciale, nevoi speciale, dizabilitate",
    "housing, homelessness, mieszkanie, bezdomność, bezdomny, سكن, مشرد, بلا مأوى, رہائش, بے گھر, locuință, "
    "fără adăpost",
    "speech and language, mowa, logopeda, rozwój mowy, النطق, نطق, تخاطب, بول چال, گویائی, logoped, vorbire",
    "health visitor, położna środowiskowa, pielęgniarka środowiskowa, زائرة صحية, ہیلتھ وزیٹر, asistentă medicală",
    "stop smoking, rzucić palenie, palenie, الإقلاع عن التدخين, التدخين, تمباکو نوشی, renunțare la fumat, fumat",
    "english as an additional language, esol, nauka angielskiego, angielski, تعلم الإنجليزية, انگریزی سیکھنا, "
    "cursuri de engleză, engleză",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0008_family_phrasing_synonyms")]
    operations = [synonym_groups(SEED)]
