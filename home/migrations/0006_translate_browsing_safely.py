"""The "Browsing safely" page in the languages the areas offer besides English (Polish, Arabic, Urdu, Romanian), as
InformationTranslationPages under the page migration 0004 made: the advice is for people hiding what they
look at online, and they should not have to read it in a second language. An area shows the languages it offers
(settings.LANGUAGES); the others wait unseen. The directory team edits or unpublishes them like any page."""

import importlib
import uuid

from django.db import migrations
from django.utils import timezone

STEP = 4
_next_path = importlib.import_module("home.migrations.0004_create_information_pages")._next_path
SLUG = "browsing-safely"
HELPLINE = '<a href="tel:08082000247">0808 2000 247</a>'
COVER_YOUR_TRACKS = "https://www.womensaid.org.uk/cover-your-tracks/"


def _list(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _body(warning, *html):
    return [
        {"type": "warning", "value": warning, "id": str(uuid.uuid4())},
        {"type": "text", "value": "".join(html), "id": str(uuid.uuid4())},
    ]


TRANSLATIONS = {
    "pl": {
        "title": "Bezpieczne przeglądanie",
        "introduction": "Jeśli obawiasz się, że ktoś może zobaczyć, co oglądasz w internecie, te kroki mogą pomóc.",
        "body": lambda: _body(
            "Jeśli Ty lub dziecko jesteście teraz w niebezpieczeństwie, zadzwoń pod numer 999.",
            "<h2>Jak szybko opuścić tę stronę</h2>",
            "<p>Na każdej stronie jest przycisk „Opuść tę stronę”. Wybierz go, a od razu otworzy się strona z "
            "prognozą pogody.</p>",
            "<p>Możesz też nacisnąć klawisz Shift 3 razy z rzędu. Działa to, gdy w przeglądarce jest włączony "
            "JavaScript.</p>",
            "<p>Opuszczenie strony nie usuwa historii przeglądania, a przycisk Wstecz nadal może tu wrócić.</p>",
            "<h2>Przeglądaj w oknie prywatnym</h2>",
            "<p>Okno prywatne po zamknięciu nie zostawia w historii odwiedzonych stron.</p>",
            _list(
                "Chrome: otwórz menu i wybierz „Nowe okno incognito” albo naciśnij Ctrl, Shift i N.",
                "Edge: otwórz menu i wybierz „Nowe okno InPrivate” albo naciśnij Ctrl, Shift i N.",
                "Firefox: otwórz menu i wybierz „Nowe okno prywatne” albo naciśnij Ctrl, Shift i P.",
                "Safari na Macu: otwórz menu Plik i wybierz „Nowe okno prywatne” albo naciśnij Cmd, Shift i N.",
                "Safari na iPhonie lub iPadzie: stuknij przycisk kart, a potem „Prywatne”.",
                "Chrome na telefonie z Androidem: otwórz menu i stuknij „Nowa karta incognito”.",
            ),
            "<h2>Wyczyść historię przeglądania</h2>",
            "<p>Jeśli nie korzystasz z okna prywatnego, możesz usunąć odwiedzone strony:</p>",
            _list(
                "Chrome, Edge i Firefox: naciśnij Ctrl, Shift i Delete (na Macu Cmd, Shift i Delete), wybierz zakres "
                "czasu i wyczyść historię przeglądania.",
                "Safari na Macu: otwórz menu Historia i wybierz „Wymaż historię”.",
                "Na telefonie: otwórz ustawienia przeglądarki, a potem „Prywatność” albo „Historia”.",
            ),
            "<p>Jeśli usunięcie całej historii mogłoby zwrócić uwagę osoby, która ją sprawdza, usuń tylko strony z "
            "tej witryny.</p>",
            "<h2>Co zapisuje ta strona</h2>",
            "<p>Wyszukiwanie nie ustawia plików cookie. Nie zapisujemy Twojego kodu pocztowego ani adresu IP razem "
            "z tym, czego szukasz.</p>",
            "<p>Jeśli dodasz usługę do listy, strona ustawi jeden plik cookie, żeby zapamiętać listę. Wygasa on po "
            "zamknięciu przeglądarki. Przycisk „Wyczyść listę” opróżnia ją wcześniej.</p>",
            "<p>Linki wysłane SMS-em lub e-mailem zostają w telefonie i na koncie e-mail. Usuń je, jeśli ktoś inny "
            "może je zobaczyć.</p>",
            "<h2>Gdzie szukać pomocy</h2>",
            f"<p>Bezpłatna krajowa infolinia dla osób doświadczających przemocy domowej (National Domestic Abuse "
            f"Helpline) działa całą dobę: {HELPLINE}.</p>",
            f'<p>Organizacja Women’s Aid ma więcej porad o <a href="{COVER_YOUR_TRACKS}">zacieraniu śladów w '
            "internecie</a> (po angielsku).</p>",
        ),
    },
    "ar": {
        "title": "التصفح بأمان",
        "introduction": "إذا كنت تخشى أن يرى أحدٌ ما تتصفحه على الإنترنت، فقد تساعدك هذه الخطوات.",
        "body": lambda: _body(
            "إذا كنت أنت أو طفل في خطر الآن، فاتصل بالرقم 999.",
            "<h2>مغادرة هذا الموقع بسرعة</h2>",
            "<p>في كل صفحة زر «اخرج من هذه الصفحة». اختره ليفتح موقعًا للطقس على الفور.</p>",
            "<p>يمكنك أيضًا الضغط على مفتاح Shift ثلاث مرات متتالية. يعمل ذلك عندما تكون JavaScript مفعّلة في "
            "متصفحك.</p>",
            "<p>مغادرة الصفحة لا تحذف سجل التصفح، ويمكن لزر الرجوع أن يعيدك إلى هذا الموقع.</p>",
            "<h2>استخدم التصفح الخاص</h2>",
            "<p>النافذة الخاصة لا تحتفظ بالصفحات التي تزورها في السجل بعد إغلاقها.</p>",
            _list(
                "Chrome: افتح القائمة واختر «نافذة جديدة للتصفح المتخفي»، أو اضغط Ctrl وShift وN.",
                "Edge: افتح القائمة واختر «نافذة InPrivate جديدة»، أو اضغط Ctrl وShift وN.",
                "Firefox: افتح القائمة واختر «نافذة خاصة جديدة»، أو اضغط Ctrl وShift وP.",
                "Safari على Mac: افتح قائمة «ملف» واختر «نافذة خاصة جديدة»، أو اضغط Cmd وShift وN.",
                "Safari على iPhone أو iPad: اضغط على زر علامات التبويب، ثم «خاص».",
                "Chrome على هاتف Android: افتح القائمة واضغط «علامة تبويب جديدة للتصفح المتخفي».",
            ),
            "<h2>امسح سجل التصفح</h2>",
            "<p>إذا لم تستخدم نافذة خاصة، يمكنك حذف الصفحات التي زرتها:</p>",
            _list(
                "Chrome وEdge وFirefox: اضغط Ctrl وShift وDelete (أو Cmd وShift وDelete على Mac)، واختر المدة، ثم "
                "امسح سجل التصفح.",
                "Safari على Mac: افتح قائمة «السجل» واختر «مسح السجل».",
                "على الهاتف: افتح إعدادات المتصفح، ثم «الخصوصية» أو «السجل».",
            ),
            "<p>إذا كان مسح السجل كله سيبدو غريبًا لمن يتفقده، فاحذف صفحات هذا الموقع فقط.</p>",
            "<h2>ما يحتفظ به هذا الموقع</h2>",
            "<p>البحث لا يضع أي ملفات تعريف ارتباط (كوكيز). لا نسجل رمزك البريدي ولا عنوان IP الخاص بك مع ما "
            "تبحث عنه.</p>",
            "<p>إذا أضفت خدمة إلى القائمة المختارة، يضع الموقع ملف تعريف ارتباط واحدًا ليتذكر القائمة، وينتهي عند "
            "إغلاق المتصفح. استخدم «امسح القائمة المختارة» لإفراغها قبل ذلك.</p>",
            "<p>الروابط التي ترسلها برسالة نصية أو بالبريد الإلكتروني تبقى على هاتفك وفي حساب بريدك. احذفها إذا "
            "كان شخص آخر قد يطّلع عليها.</p>",
            "<h2>الحصول على المساعدة</h2>",
            f"<p>خط المساعدة الوطني المجاني لضحايا العنف الأسري (National Domestic Abuse Helpline) متاح على مدار "
            f"24 ساعة: {HELPLINE}.</p>",
            f'<p>لدى منظمة Women’s Aid نصائح أكثر عن <a href="{COVER_YOUR_TRACKS}">إخفاء آثارك على الإنترنت</a> '
            "(بالإنجليزية).</p>",
        ),
    },
    "ur": {
        "title": "محفوظ طریقے سے براؤز کرنا",
        "introduction": "اگر آپ کو فکر ہے کہ کوئی دیکھ سکتا ہے کہ آپ آن لائن کیا دیکھتے ہیں، تو یہ اقدامات مدد کر سکتے ہیں۔",
        "body": lambda: _body(
            "اگر آپ یا کوئی بچہ اس وقت خطرے میں ہے تو 999 پر کال کریں۔",
            "<h2>اس ویب سائٹ کو جلدی سے چھوڑیں</h2>",
            "<p>ہر صفحے پر «یہ صفحہ فوراً چھوڑیں» کا بٹن ہے۔ اسے منتخب کریں تو فوراً موسم کی ایک ویب سائٹ کھل جائے گی۔</p>",
            "<p>آپ Shift کی کو لگاتار 3 بار بھی دبا سکتے ہیں۔ یہ تب کام کرتا ہے جب آپ کے براؤزر میں JavaScript آن ہو۔</p>",
            "<p>صفحہ چھوڑنے سے آپ کی براؤزنگ ہسٹری نہیں مٹتی، اور Back بٹن اب بھی اس ویب سائٹ پر واپس لا سکتا ہے۔</p>",
            "<h2>پرائیویٹ براؤزنگ استعمال کریں</h2>",
            "<p>پرائیویٹ ونڈو بند ہونے کے بعد آپ کے دیکھے ہوئے صفحات ہسٹری میں نہیں رکھتی۔</p>",
            _list(
                "Chrome: مینو کھولیں اور «New Incognito window» منتخب کریں، یا Ctrl، Shift اور N دبائیں۔",
                "Edge: مینو کھولیں اور «New InPrivate window» منتخب کریں، یا Ctrl، Shift اور N دبائیں۔",
                "Firefox: مینو کھولیں اور «New private window» منتخب کریں، یا Ctrl، Shift اور P دبائیں۔",
                "Mac پر Safari: File مینو کھولیں اور «New Private Window» منتخب کریں، یا Cmd، Shift اور N دبائیں۔",
                "iPhone یا iPad پر Safari: ٹیبز کا بٹن دبائیں، پھر «Private»۔",
                "Android فون پر Chrome: مینو کھولیں اور «New Incognito tab» دبائیں۔",
            ),
            "<h2>اپنی براؤزنگ ہسٹری صاف کریں</h2>",
            "<p>اگر آپ نے پرائیویٹ ونڈو استعمال نہیں کی تو آپ دیکھے ہوئے صفحات مٹا سکتے ہیں:</p>",
            _list(
                "Chrome، Edge اور Firefox: Ctrl، Shift اور Delete دبائیں (Mac پر Cmd، Shift اور Delete)، وقت کی حد "
                "منتخب کریں اور براؤزنگ ہسٹری صاف کریں۔",
                "Mac پر Safari: History مینو کھولیں اور «Clear History» منتخب کریں۔",
                "فون پر: براؤزر کی سیٹنگز کھولیں، پھر «Privacy» یا «History»۔",
            ),
            "<p>اگر ساری ہسٹری مٹانا دیکھنے والے کو عجیب لگے تو صرف اس ویب سائٹ کے صفحات مٹائیں۔</p>",
            "<h2>یہ ویب سائٹ کیا رکھتی ہے</h2>",
            "<p>تلاش کرنے سے کوئی کوکی نہیں لگتی۔ ہم آپ کی تلاش کے ساتھ آپ کا پوسٹ کوڈ یا IP ایڈریس محفوظ نہیں کرتے۔</p>",
            "<p>اگر آپ کسی سروس کو مختصر فہرست میں شامل کریں تو ویب سائٹ فہرست یاد رکھنے کے لیے ایک کوکی لگاتی ہے، جو "
            "براؤزر بند کرنے پر ختم ہو جاتی ہے۔ فہرست پہلے خالی کرنے کے لیے «مختصر فہرست خالی کریں» استعمال کریں۔</p>",
            "<p>ٹیکسٹ میسج یا ای میل سے بھیجے گئے لنکس آپ کے فون اور ای میل اکاؤنٹ میں رہتے ہیں۔ اگر کوئی اور دیکھ "
            "سکتا ہے تو انہیں مٹا دیں۔</p>",
            "<h2>مدد حاصل کرنا</h2>",
            f"<p>مفت National Domestic Abuse Helpline دن رات 24 گھنٹے کھلی ہے: {HELPLINE}۔</p>",
            f'<p>Women’s Aid کے پاس <a href="{COVER_YOUR_TRACKS}">آن لائن اپنے نشانات چھپانے</a> کے بارے میں مزید '
            "مشورے ہیں (انگریزی میں)۔</p>",
        ),
    },
    "ro": {
        "title": "Navigare în siguranță",
        "introduction": "Dacă vă temeți că cineva ar putea vedea ce căutați online, acești pași vă pot ajuta.",
        "body": lambda: _body(
            "Dacă dumneavoastră sau un copil sunteți în pericol acum, sunați la 999.",
            "<h2>Părăsiți rapid acest site</h2>",
            "<p>Fiecare pagină are butonul „Ieșiți de pe această pagină”. Selectați-l și se deschide imediat un "
            "site cu prognoza meteo.</p>",
            "<p>Puteți apăsa și tasta Shift de 3 ori la rând. Funcționează când JavaScript este activat în "
            "browser.</p>",
            "<p>Părăsirea paginii nu șterge istoricul de navigare, iar butonul Înapoi poate reveni la acest site.</p>",
            "<h2>Folosiți navigarea privată</h2>",
            "<p>O fereastră privată nu păstrează în istoric paginile vizitate după ce o închideți.</p>",
            _list(
                "Chrome: deschideți meniul și selectați „Fereastră nouă incognito” sau apăsați Ctrl, Shift și N.",
                "Edge: deschideți meniul și selectați „Fereastră InPrivate nouă” sau apăsați Ctrl, Shift și N.",
                "Firefox: deschideți meniul și selectați „Fereastră privată nouă” sau apăsați Ctrl, Shift și P.",
                "Safari pe Mac: deschideți meniul Fișier și selectați „Fereastră privată nouă” sau apăsați Cmd, "
                "Shift și N.",
                "Safari pe iPhone sau iPad: atingeți butonul pentru file, apoi „Privat”.",
                "Chrome pe un telefon Android: deschideți meniul și atingeți „Filă nouă incognito”.",
            ),
            "<h2>Ștergeți istoricul de navigare</h2>",
            "<p>Dacă nu ați folosit o fereastră privată, puteți șterge paginile vizitate:</p>",
            _list(
                "Chrome, Edge și Firefox: apăsați Ctrl, Shift și Delete (pe Mac Cmd, Shift și Delete), alegeți "
                "intervalul de timp și ștergeți istoricul de navigare.",
                "Safari pe Mac: deschideți meniul Istoric și selectați „Șterge istoricul”.",
                "Pe telefon: deschideți setările browserului, apoi „Confidențialitate” sau „Istoric”.",
            ),
            "<p>Dacă ștergerea întregului istoric ar părea neobișnuită cuiva care îl verifică, ștergeți doar "
            "paginile de pe acest site.</p>",
            "<h2>Ce păstrează acest site</h2>",
            "<p>Căutarea nu setează cookie-uri. Nu înregistrăm codul poștal sau adresa IP împreună cu ce "
            "căutați.</p>",
            "<p>Dacă adăugați un serviciu la lista salvată, site-ul setează un cookie pentru a ține minte lista. "
            "Expiră când închideți browserul. Folosiți „Goliți lista salvată” ca să o goliți mai devreme.</p>",
            "<p>Linkurile trimise prin SMS sau e-mail rămân pe telefon și în contul de e-mail. Ștergeți-le dacă "
            "altcineva s-ar putea uita.</p>",
            "<h2>Unde găsiți ajutor</h2>",
            f"<p>Linia națională gratuită pentru violență domestică (National Domestic Abuse Helpline) este "
            f"deschisă 24 de ore din 24: {HELPLINE}.</p>",
            f'<p>Women’s Aid are mai multe sfaturi despre <a href="{COVER_YOUR_TRACKS}">cum să vă acoperiți '
            "urmele online</a> (în engleză).</p>",
        ),
    },
}


def translate_browsing_safely(apps, schema_editor):
    """Also run by the browser tests, whose database flush removes what migrations made."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    InformationPage = apps.get_model("home.InformationPage")
    InformationTranslationPage = apps.get_model("home.InformationTranslationPage")

    page = InformationPage.objects.filter(slug=SLUG).order_by("path").first()
    if page is None:
        return
    content_type, _ = ContentType.objects.get_or_create(model="informationtranslationpage", app_label="home")
    for code, words in TRANSLATIONS.items():
        locale, _ = Locale.objects.get_or_create(language_code=code)
        if InformationTranslationPage.objects.filter(path__startswith=page.path, locale=locale).exists():
            continue
        children = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1)
        last = children.order_by("-path").values_list("path", flat=True).first()
        slug = f"{SLUG}-{code}"
        InformationTranslationPage.objects.create(
            title=words["title"],
            draft_title=words["title"],
            slug=slug,
            introduction=words["introduction"],
            body=words["body"](),
            content_type=content_type,
            path=_next_path(last, page.path),
            depth=page.depth + 1,
            numchild=0,
            url_path=f"{page.url_path}{slug}/",
            locale=locale,
            translation_key=page.translation_key,
            first_published_at=timezone.now(),
            last_published_at=timezone.now(),
        )
    children = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
    Page.objects.filter(pk=page.pk).update(numchild=children)


def remove_translations(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    InformationTranslationPage = apps.get_model("home.InformationTranslationPage")
    for translation in InformationTranslationPage.objects.filter(slug__in=[f"{SLUG}-{code}" for code in TRANSLATIONS]):
        parent_path = translation.path[:-STEP]
        translation.delete()
        Page.objects.filter(path=parent_path).update(
            numchild=Page.objects.filter(path__startswith=parent_path, depth=len(parent_path) // STEP + 1).count()
        )


class Migration(migrations.Migration):
    dependencies = [("home", "0005_information_translation_page")]
    operations = [migrations.RunPython(translate_browsing_safely, remove_translations)]
