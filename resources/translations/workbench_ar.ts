<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar">
  <context>
    <name>BubbleDelegate</name>
    <message>
      <location filename="../../ui/views/chat_bubbles.py" line="87" />
      <location filename="../../ui/views/chat_bubbles.py" line="88" />
      <source>Attachment:</source>
      <translation>مرفق:</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat_bubbles.py" line="88" />
      <source>(not in the export)</source>
      <translation>(غير موجود في ملف التصدير)</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat_bubbles.py" line="92" />
      <source>This message was deleted</source>
      <translation>حُذفت هذه الرسالة</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat_bubbles.py" line="221" />
      <source>(no sender)</source>
      <translation>(بلا مرسل)</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat_bubbles.py" line="259" />
      <source>(no thumbnail)</source>
      <translation>(لا توجد صورة مصغّرة)</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat_bubbles.py" line="267" />
      <source>Sensitive: blurred</source>
      <translation>حساس: مموّه</translation>
    </message>
  </context>
  <context>
    <name>ChatView</name>
    <message>
      <location filename="../../ui/views/chat.py" line="220" />
      <source>Go to a message by its number in the conversation</source>
      <translation>انتقل إلى رسالة برقمها في المحادثة</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="221" />
      <source>&amp;Go</source>
      <translation>&amp;اذهب</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="224" />
      <source>Show in &amp;original</source>
      <translation>اعرض في ال&amp;أصل</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="225" />
      <source>Show the selected message's bytes highlighted in the export file</source>
      <translation>اعرض بايتات الرسالة المحددة مظلّلة في ملف التصدير</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="227" />
      <source>Message:</source>
      <translation>الرسالة:</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="240" />
      <source>No conversation</source>
      <translation>لا توجد محادثة</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="243" />
      <source>&lt;b&gt;%1&lt;/b&gt; (%2) · %3 messages · %4 – %5&lt;br&gt;%6</source>
      <translation>&lt;b&gt;%1&lt;/b&gt; (%2) · %3 رسالة · %4 – %5&lt;br&gt;%6</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="256" />
      <source>showing %1–%2 of %3</source>
      <translation>عرض %1–%2 من %3</translation>
    </message>
  </context>
  <context>
    <name>ChatWindowModel</name>
    <message>
      <location filename="../../ui/views/chat.py" line="72" />
      <source>Message %d</source>
      <translation>الرسالة %d</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="74" />
      <source>As written: %s</source>
      <translation>كما كُتب: %s</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="76" />
      <source>Local: %s</source>
      <translation>التوقيت المحلي: %s</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="77" />
      <source>UTC: %s</source>
      <translation>التوقيت العالمي (UTC): %s</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="77" />
      <source>unknown (%s)</source>
      <translation>غير معروف (%s)</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="78" />
      <source>Bytes %d–%d of the export</source>
      <translation>البايتات %d–%d من ملف التصدير</translation>
    </message>
  </context>
  <context>
    <name>CustodyLogDialog</name>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="106" />
      <source>Custody log</source>
      <translation>سجل العهدة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="108" />
      <source>Checking the chain…</source>
      <translation>جارٍ فحص السلسلة…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="142" />
      <source>Chain intact: %d events, every link and signature checked.</source>
      <translation>السلسلة سليمة: %d حدثًا، فُحص كل رابط وكل توقيع.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="146" />
      <source>Chain BROKEN at seq %1 (%2 problem(s)): %3</source>
      <translation>السلسلة مكسورة عند التسلسل %1 (%2 مشكلة): %3</translation>
    </message>
  </context>
  <context>
    <name>CustodyModel</name>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="40" />
      <source>Seq</source>
      <translation>التسلسل</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="40" />
      <source>Time (UTC)</source>
      <translation>الوقت (UTC)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="40" />
      <source>Action</source>
      <translation>الإجراء</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="40" />
      <source>Exhibit</source>
      <translation>الدليل</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="41" />
      <source>Examiner</source>
      <translation>الفاحص</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="41" />
      <source>Details</source>
      <translation>التفاصيل</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="41" />
      <source>Hash</source>
      <translation>البصمة</translation>
    </message>
  </context>
  <context>
    <name>DetailPane</name>
    <message>
      <location filename="../../ui/views/detail.py" line="70" />
      <source>&amp;Preview</source>
      <translation>&amp;معاينة</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="71" />
      <source>&amp;Metadata</source>
      <translation>&amp;البيانات الوصفية</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="72" />
      <source>&amp;Hashes</source>
      <translation>&amp;البصمات</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="73" />
      <source>C&amp;ustody</source>
      <translation>ال&amp;عهدة</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="74" />
      <source>&amp;Notes and tags</source>
      <translation>&amp;ملاحظات ووسوم</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="75" />
      <source>The item as it looks (rendered in memory)</source>
      <translation>العنصر كما يبدو (يُعرض في الذاكرة)</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="76" />
      <source>Every custody event about this item</source>
      <translation>كل أحداث العهدة الخاصة بهذا العنصر</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="90" />
      <source>Copy the coordinates</source>
      <translation>انسخ الإحداثيات</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="91" />
      <source>GPS:</source>
      <translation>إحداثيات GPS:</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="97" />
      <source>Field</source>
      <translation>الحقل</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="97" />
      <source>Value</source>
      <translation>القيمة</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="97" />
      <source>Where / by</source>
      <translation>الموضع / بواسطة</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="114" />
      <source>Copy the %s hash</source>
      <translation>انسخ بصمة %s</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="117" />
      <source>&amp;Verify now</source>
      <translation>&amp;تحقق الآن</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="118" />
      <source>Decrypt this item's original and hash it again; the result is recorded in the custody log</source>
      <translation>فك تشفير أصل هذا العنصر وحساب بصمته من جديد؛ تُسجَّل النتيجة في سجل العهدة</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="129" />
      <source>Seq</source>
      <translation>التسلسل</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="129" />
      <source>Time (UTC)</source>
      <translation>الوقت (UTC)</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="129" />
      <source>Action</source>
      <translation>الإجراء</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="129" />
      <source>Examiner</source>
      <translation>الفاحص</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="130" />
      <source>Details</source>
      <translation>التفاصيل</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="138" />
      <source>Notes (each save is a custody event):</source>
      <translation>ملاحظات (كل حفظ حدثٌ في سجل العهدة):</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="141" />
      <source>&amp;Save notes</source>
      <translation>&amp;حفظ الملاحظات</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="142" />
      <source>Save the notes (Ctrl+S)</source>
      <translation>احفظ الملاحظات (Ctrl+S)</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="146" />
      <source>Tags:</source>
      <translation>الوسوم:</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="152" />
      <source>new tag</source>
      <translation>وسم جديد</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="156" />
      <source>&amp;Add tag</source>
      <translation>إ&amp;ضافة وسم</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="158" />
      <source>&amp;Remove tag</source>
      <translation>إ&amp;زالة الوسم</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="159" />
      <source>Remove the selected tag</source>
      <translation>أزل الوسم المحدد</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="165" />
      <source>Sensitive (graphic or abusive material: blur previews)</source>
      <translation>حساس (مواد صادمة أو مسيئة: تمويه المعاينات)</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="177" />
      <source>No item selected.</source>
      <translation>لم يُختر أي عنصر.</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="230" />
      <source>Item</source>
      <translation>العنصر</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="239" />
      <source>Acquisition</source>
      <translation>الاستلام</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="250" />
      <source>finding</source>
      <translation>ملاحظة</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="252" />
      <source>Findings</source>
      <translation>الملاحظات</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="257" />
      <source>Extracted fields</source>
      <translation>الحقول المستخرجة</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="263" />
      <source>Warnings</source>
      <translation>التحذيرات</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="268" />
      <source>Conversation</source>
      <translation>المحادثة</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="270" />
      <source>decision</source>
      <translation>قرار</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="272" />
      <source>parser warning</source>
      <translation>تحذير المحلِّل</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="274" />
      <source>Children</source>
      <translation>العناصر المتفرعة</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="282" />
      <source>no GPS coordinates</source>
      <translation>لا توجد إحداثيات GPS</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="333" />
      <source>Hashing the original again…</source>
      <translation>جارٍ حساب بصمة الأصل من جديد…</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="350" />
      <source>✔ The original matches its recorded hashes.</source>
      <translation>✔ الأصل مطابق لبصماته المسجّلة.</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="351" />
      <source>✘ The original does NOT match its recorded hashes. Run Verify case and keep this laptop as it is.</source>
      <translation>✘ الأصل لا يطابق بصماته المسجّلة. شغّل «تحقق من القضية» واترك هذا الحاسوب على حاله.</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="356" />
      <source>✘ The encrypted original could not be read: %s</source>
      <translation>✘ تعذّرت قراءة الأصل المشفّر: %s</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="42" />
      <source>Copy</source>
      <translation>نسخ</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../../ui/errors.py" line="40" />
      <source>The operating system refused: %s</source>
      <translation>رفض نظام التشغيل العملية: %s</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="41" />
      <source>Check that the disk is connected, has space, and that you may write there; then try again.</source>
      <translation>تأكد من أن القرص موصول وفيه مساحة كافية وأن لديك إذن الكتابة عليه، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="59" />
      <source>Could not finish</source>
      <translation>تعذّر إتمام العملية</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="71" />
      <source>Unexpected error</source>
      <translation>خطأ غير متوقع</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="73" />
      <source>Something went wrong inside Evidence Workbench. The case was left consistent: whatever was committed before stays committed.
Please send the details below to the people who support the workbench. They say where the program failed, not what your evidence contains.</source>
      <translation>حدث خلل داخل منصة الأدلة. بقيت القضية متّسقة: كل ما حُفظ قبل ذلك يبقى محفوظًا.
يُرجى إرسال التفاصيل أدناه إلى فريق دعم المنصة. فهي تبيّن موضع الخلل في البرنامج، لا محتوى أدلتك.</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="81" />
      <source>Saved as: %s</source>
      <translation>حُفظ باسم: %s</translation>
    </message>
    <message>
      <location filename="../../ui/errors.py" line="86" />
      <source>Copy details</source>
      <translation>نسخ التفاصيل</translation>
    </message>
  </context>
  <context>
    <name>EvidenceModel</name>
    <message>
      <location filename="../../ui/models/evidence.py" line="57" />
      <source>Exhibit</source>
      <translation>الدليل</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="57" />
      <source>Name</source>
      <translation>الاسم</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="57" />
      <source>Type</source>
      <translation>النوع</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="57" />
      <source>Size</source>
      <translation>الحجم</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="57" />
      <source>Acquired (UTC)</source>
      <translation>تاريخ الاستلام (UTC)</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="58" />
      <source>SHA-256</source>
      <translation>SHA-256</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="58" />
      <source>Tags</source>
      <translation>الوسوم</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="58" />
      <source>Verification</source>
      <translation>التحقق</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="59" />
      <source>verified</source>
      <translation>تم التحقق</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="59" />
      <source>CHANGED</source>
      <translation>تغيّر</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="60" />
      <source>see verify report</source>
      <translation>انظر تقرير التحقق</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="60" />
      <source>not verified yet</source>
      <translation>لم يُتحقق بعد</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="61" />
      <source>retracted</source>
      <translation>مسحوب</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="75" />
      <source>Not sortable</source>
      <translation>لا يمكن الفرز بهذا العمود</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="76" />
      <source>Click to sort</source>
      <translation>انقر للفرز</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="108" />
      <source>Marked sensitive: previews are blurred until you choose to look.</source>
      <translation>مُعلَّم كحساس: المعاينات مموّهة إلى أن تختار رؤيتها.</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="110" />
      <source>Inside %s</source>
      <translation>داخل %s</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="112" />
      <source>Same content as %s</source>
      <translation>المحتوى نفسه في %s</translation>
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="44" />
      <source>Export a court bundle</source>
      <translation>تصدير حزمة للمحكمة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="46" />
      <source>A BagIt bundle with the originals, their hashes, metadata, the custody log and a signed report. It is verified after writing.</source>
      <translation>حزمة BagIt تضم الأصول وبصماتها والبيانات الوصفية وسجل العهدة وتقريرًا موقّعًا. يُتحقق منها بعد كتابتها.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="49" />
      <source>The &amp;selected items (%d)</source>
      <translation>العناصر ال&amp;محددة (%d)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="52" />
      <source>Items with the &amp;tag:</source>
      <translation>العناصر ذات ال&amp;وسم:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="58" />
      <source>&amp;All items</source>
      <translation>&amp;كل العناصر</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="68" />
      <source>&amp;Browse…</source>
      <translation>&amp;استعراض…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="69" />
      <source>Choose the folder that will hold the bundle</source>
      <translation>اختر المجلد الذي سيضم الحزمة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="73" />
      <source>&amp;Destination folder:</source>
      <translation>مجلد ال&amp;وجهة:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="75" />
      <source>Bundle &amp;name:</source>
      <translation>&amp;اسم الحزمة:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="76" />
      <source>Also make a &amp;zip file (with its SHA-256)</source>
      <translation>أنشئ أيضًا ملف &amp;zip (مع بصمة SHA-256 الخاصة به)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="77" />
      <source>&amp;Hide source paths (they can name people or places)</source>
      <translation>إ&amp;خفاء مسارات المصدر (قد تكشف أسماء أشخاص أو أماكن)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="86" />
      <source>&amp;Export</source>
      <translation>&amp;تصدير</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="94" />
      <source>Destination folder</source>
      <translation>مجلد الوجهة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="104" />
      <source>Give the bundle a name.</source>
      <translation>أعطِ الحزمة اسمًا.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="107" />
      <source>The destination folder does not exist.</source>
      <translation>مجلد الوجهة غير موجود.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="110" />
      <source>A file or folder of that name is already there.</source>
      <translation>يوجد هناك ملف أو مجلد بهذا الاسم.</translation>
    </message>
  </context>
  <context>
    <name>ExportResultDialog</name>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="129" />
      <source>Export finished</source>
      <translation>انتهى التصدير</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="139" />
      <source>The bundle was written and verifies.</source>
      <translation>كُتبت الحزمة واجتازت التحقق.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="140" />
      <source>The bundle was written but does NOT verify: %d problem(s).</source>
      <translation>كُتبت الحزمة لكنها لم تجتز التحقق: %d مشكلة.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="144" />
      <source>Bundle:</source>
      <translation>الحزمة:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="145" />
      <source>Tag manifest SHA-256:</source>
      <translation>بصمة SHA-256 لبيان الوسوم:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="146" />
      <source>Zip:</source>
      <translation>ملف zip:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="147" />
      <source>Zip SHA-256:</source>
      <translation>بصمة SHA-256 لملف zip:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="157" />
      <source>&amp;Open folder</source>
      <translation>&amp;فتح المجلد</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="159" />
      <source>Show the bundle in the file manager</source>
      <translation>اعرض الحزمة في مدير الملفات</translation>
    </message>
  </context>
  <context>
    <name>FilterTree</name>
    <message>
      <location filename="../../ui/views/filters.py" line="24" />
      <source>All items</source>
      <translation>كل العناصر</translation>
    </message>
    <message>
      <location filename="../../ui/views/filters.py" line="24" />
      <source>Images</source>
      <translation>الصور</translation>
    </message>
    <message>
      <location filename="../../ui/views/filters.py" line="24" />
      <source>Documents</source>
      <translation>المستندات</translation>
    </message>
    <message>
      <location filename="../../ui/views/filters.py" line="25" />
      <source>Chats</source>
      <translation>المحادثات</translation>
    </message>
    <message>
      <location filename="../../ui/views/filters.py" line="25" />
      <source>Email</source>
      <translation>البريد الإلكتروني</translation>
    </message>
    <message>
      <location filename="../../ui/views/filters.py" line="25" />
      <source>Other</source>
      <translation>أخرى</translation>
    </message>
    <message>
      <location filename="../../ui/views/filters.py" line="26" />
      <source>Flagged (findings)</source>
      <translation>عليها ملاحظات</translation>
    </message>
    <message>
      <location filename="../../ui/views/filters.py" line="32" />
      <source>Items with findings: signs of editing, inconsistent metadata, hidden content</source>
      <translation>عناصر عليها ملاحظات: آثار تعديل، أو بيانات وصفية غير متّسقة، أو محتوى مخفي</translation>
    </message>
    <message>
      <location filename="../../ui/views/filters.py" line="34" />
      <source>Tags</source>
      <translation>الوسوم</translation>
    </message>
  </context>
  <context>
    <name>ImageView</name>
    <message>
      <location filename="../../ui/views/preview.py" line="50" />
      <source>Zoom out (Ctrl+-)</source>
      <translation>تصغير (Ctrl+-)</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="52" />
      <source>Zoom in (Ctrl++)</source>
      <translation>تكبير (Ctrl++)</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="53" />
      <source>Fit</source>
      <translation>ملاءمة</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="54" />
      <source>Fit to the pane (Ctrl+0)</source>
      <translation>ملاءمة للوحة (Ctrl+0)</translation>
    </message>
  </context>
  <context>
    <name>ImportOptionsDialog</name>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="29" />
      <source>copied from a storage device</source>
      <translation>نُسخت من وسيط تخزين</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="30" />
      <source>received by email</source>
      <translation>وردت بالبريد الإلكتروني</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="31" />
      <source>received through a messaging app</source>
      <translation>وردت عبر تطبيق مراسلة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="32" />
      <source>downloaded from a cloud account</source>
      <translation>نُزّلت من حساب سحابي</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="33" />
      <source>handed over on a USB stick</source>
      <translation>سُلّمت على ذاكرة USB</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="34" />
      <source>screenshots taken by the examiner</source>
      <translation>لقطات شاشة التقطها الفاحص</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="48" />
      <source>Import evidence</source>
      <translation>استيراد أدلة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="55" />
      <source>Files and folders to import (folders are read with everything inside):</source>
      <translation>الملفات والمجلدات المراد استيرادها (تُقرأ المجلدات بكل ما فيها):</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="59" />
      <source>e.g. phone of witness A, handed over on 3 March</source>
      <translation>مثلًا: هاتف الشاهد أ، سُلّم في 3 مارس</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="60" />
      <source>Where the evidence comes from; recorded with every item</source>
      <translation>مصدر الأدلة؛ يُسجَّل مع كل عنصر</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="61" />
      <source>&amp;Source:</source>
      <translation>ال&amp;مصدر:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="65" />
      <source>How it reached you; recorded with every item</source>
      <translation>كيف وصلت إليك؛ يُسجَّل مع كل عنصر</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="66" />
      <source>&amp;Method:</source>
      <translation>ال&amp;طريقة:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="69" />
      <location filename="../../ui/dialogs/import_dialog.py" line="96" />
      <source>not known</source>
      <translation>غير معروفة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="76" />
      <source>The time zone of the phone that wrote the chat exports. WhatsApp text exports carry no zone: without it, times are kept as written and no UTC time is given.</source>
      <translation>المنطقة الزمنية للهاتف الذي أنشأ ملفات تصدير المحادثات. ملفات واتساب النصية لا تحمل منطقة زمنية: بدونها تُحفظ الأوقات كما كُتبت ولا يُعطى وقت UTC.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="79" />
      <source>&amp;Time zone of chat exports:</source>
      <translation>ال&amp;منطقة الزمنية لتصدير المحادثات:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="80" />
      <source>E&amp;xtract metadata, text and chats now</source>
      <translation>ا&amp;ستخراج البيانات الوصفية والنصوص والمحادثات الآن</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="88" />
      <source>&amp;Import</source>
      <translation>&amp;استيراد</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="108" />
      <source>Unknown time zone: use a name such as Asia/Muscat.</source>
      <translation>منطقة زمنية غير معروفة: استخدم اسمًا مثل Asia/Muscat.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="112" />
      <source>Not found: %s</source>
      <translation>غير موجود: %s</translation>
    </message>
  </context>
  <context>
    <name>ImportSummaryDialog</name>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="128" />
      <source>Import finished</source>
      <translation>انتهى الاستيراد</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="128" />
      <source>Import cancelled</source>
      <translation>أُلغي الاستيراد</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="135" />
      <source>Imported %1 item(s): %2 with the same content as an earlier exhibit, %3 already in the case. %4 warning(s), %5 failed.</source>
      <translation>استُورد %1 عنصر: %2 بمحتوى مطابق لدليل سابق، و%3 موجود أصلًا في القضية. %4 تحذير، و%5 فشل.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="141" />
      <source>Cancelled. The items listed were committed and are safe; the rest were not imported.</source>
      <translation>أُلغي. العناصر المدرجة حُفظت وهي في أمان؛ أما البقية فلم تُستورد.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="147" />
      <location filename="../../ui/dialogs/import_dialog.py" line="153" />
      <location filename="../../ui/dialogs/import_dialog.py" line="163" />
      <source>Exhibit</source>
      <translation>الدليل</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="147" />
      <location filename="../../ui/dialogs/import_dialog.py" line="153" />
      <source>Name</source>
      <translation>الاسم</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="147" />
      <source>Size</source>
      <translation>الحجم</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="147" />
      <source>SHA-256</source>
      <translation>SHA-256</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="148" />
      <source>Note</source>
      <translation>ملاحظة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="150" />
      <source>same content as %s</source>
      <translation>المحتوى نفسه في %s</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="151" />
      <source>inside %s</source>
      <translation>داخل %s</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="152" />
      <source>Imported (%d)</source>
      <translation>المستوردة (%d)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="153" />
      <source>Same content as</source>
      <translation>المحتوى نفسه في</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="155" />
      <source>Duplicates (%d)</source>
      <translation>المكررة (%d)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="156" />
      <source>Where</source>
      <translation>الموضع</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="156" />
      <source>Warning</source>
      <translation>تحذير</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="158" />
      <source>Warnings (%d)</source>
      <translation>التحذيرات (%d)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="159" />
      <location filename="../../ui/dialogs/import_dialog.py" line="163" />
      <source>Path</source>
      <translation>المسار</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="159" />
      <source>Reason</source>
      <translation>السبب</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="161" />
      <source>Failed (%d)</source>
      <translation>الفاشلة (%d)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="165" />
      <source>Already in the case (%d)</source>
      <translation>الموجودة في القضية (%d)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="182" />
      <source>… and %d more</source>
      <translation>… و%d غيرها</translation>
    </message>
  </context>
  <context>
    <name>JobRow</name>
    <message>
      <location filename="../../ui/jobs_panel.py" line="31" />
      <source>%1 s</source>
      <translation>%1 ث</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="33" />
      <source>%1 min %2 s</source>
      <translation>%1 د %2 ث</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="35" />
      <source>%1 h %2 min</source>
      <translation>%1 س %2 د</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="50" />
      <source>starting…</source>
      <translation>جارٍ البدء…</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="52" />
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="54" />
      <source>Stop as soon as possible; everything already committed stays committed</source>
      <translation>أوقف في أقرب وقت ممكن؛ كل ما حُفظ يبقى محفوظًا</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="65" />
      <source>cancelling…</source>
      <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="84" />
      <source>Preserving</source>
      <translation>الحفظ</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="85" />
      <source>Extracting metadata</source>
      <translation>استخراج البيانات الوصفية</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="86" />
      <source>Verifying</source>
      <translation>التحقق</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="87" />
      <source>Exporting</source>
      <translation>التصدير</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="88" />
      <source>OCR</source>
      <translation>التعرّف الضوئي على النصوص</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="89" />
      <source>Scanning</source>
      <translation>المسح</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="93" />
      <source>%1 of %2 files</source>
      <translation>%1 من %2 ملف</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="101" />
      <source>about %s left</source>
      <translation>بقي نحو %s</translation>
    </message>
  </context>
  <context>
    <name>LockScreen</name>
    <message>
      <location filename="../../ui/lock.py" line="26" />
      <source>The case is locked</source>
      <translation>القضية مقفلة</translation>
    </message>
    <message>
      <location filename="../../ui/lock.py" line="42" />
      <source>passphrase</source>
      <translation>عبارة المرور</translation>
    </message>
    <message>
      <location filename="../../ui/lock.py" line="46" />
      <source>&amp;Unlock</source>
      <translation>&amp;فتح القفل</translation>
    </message>
    <message>
      <location filename="../../ui/lock.py" line="57" />
      <source>Examiner %s: type your passphrase to go on.</source>
      <translation>الفاحص %s: اكتب عبارة المرور للمتابعة.</translation>
    </message>
    <message>
      <location filename="../../ui/lock.py" line="71" />
      <source>Checking…</source>
      <translation>جارٍ التحقق…</translation>
    </message>
    <message>
      <location filename="../../ui/lock.py" line="87" />
      <source>Wrong passphrase. Try again.</source>
      <translation>عبارة مرور خاطئة. حاول مرة أخرى.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../ui/main_window.py" line="77" />
      <source>%1 (%2) — Evidence Workbench</source>
      <translation>%1 (%2) — منصة الأدلة</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="95" />
      <source>Filters</source>
      <translation>المرشحات</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="96" />
      <source>Search results</source>
      <translation>نتائج البحث</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="114" />
      <source>No evidence yet.

Drag files or folders onto this window, or use Import files (Ctrl+I) or Import folder (Ctrl+Shift+I).</source>
      <translation>لا توجد أدلة بعد.

اسحب ملفات أو مجلدات إلى هذه النافذة، أو استخدم «استيراد ملفات» (Ctrl+I) أو «استيراد مجلد» (Ctrl+Shift+I).</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="142" />
      <source>Search text and chat messages (Ctrl+F)</source>
      <translation>ابحث في النصوص ورسائل المحادثات (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="144" />
      <source>Words to find in extracted text, OCR and chat messages; Enter to search</source>
      <translation>كلمات للبحث عنها في النصوص المستخرجة ونصوص التعرّف الضوئي ورسائل المحادثات؛ اضغط Enter للبحث</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="185" />
      <source>encrypted</source>
      <translation>مشفّرة</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="186" />
      <source>Originals are age-encrypted; the database is SQLCipher-encrypted</source>
      <translation>الأصول مشفّرة بأداة age؛ وقاعدة البيانات مشفّرة بـ SQLCipher</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="207" />
      <source>%d items</source>
      <translation>%d عنصر</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="209" />
      <source>not verified yet</source>
      <translation>لم يُتحقق بعد</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="211" />
      <source>verified %s: clean</source>
      <translation>تحقق %s: سليم</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="213" />
      <source>verified %1: %2 problem(s)</source>
      <translation>تحقق %1: %2 مشكلة</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="289" />
      <source>Searching…</source>
      <translation>جارٍ البحث…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="335" />
      <source>Still running: %s. Its result will be shown after unlocking.</source>
      <translation>لا يزال قيد التشغيل: %s. ستظهر نتيجته بعد فتح القفل.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="386" />
      <source>Closing when the running work has stopped…</source>
      <translation>سيُغلق عند توقف العمل الجاري…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="399" />
      <source>Work is running</source>
      <translation>هناك عمل جارٍ</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="400" />
      <source>Still running: %s.</source>
      <translation>لا يزال قيد التشغيل: %s.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="401" />
      <source>Wait for it to finish, or cancel it? Items already imported stay committed either way.</source>
      <translation>هل تنتظر انتهاءه أم تلغيه؟ العناصر المستوردة تبقى محفوظة في الحالتين.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="403" />
      <source>&amp;Wait, then close</source>
      <translation>ا&amp;نتظر ثم أغلق</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="404" />
      <source>&amp;Cancel the work and close</source>
      <translation>أ&amp;لغِ العمل وأغلق</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="405" />
      <source>&amp;Keep working</source>
      <translation>&amp;تابع العمل</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="54" />
      <source>&amp;Import files…</source>
      <translation>&amp;استيراد ملفات…</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="55" />
      <source>Import files (Ctrl+I); you can also drag files onto the window</source>
      <translation>استيراد ملفات (Ctrl+I)؛ ويمكنك أيضًا سحب الملفات إلى النافذة</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="56" />
      <source>Import &amp;folder…</source>
      <translation>استيراد &amp;مجلد…</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="57" />
      <source>Import a folder with everything inside (Ctrl+Shift+I)</source>
      <translation>استيراد مجلد بكل ما فيه (Ctrl+Shift+I)</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="58" />
      <source>&amp;Export bundle…</source>
      <translation>&amp;تصدير حزمة…</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="59" />
      <source>Export a verified court bundle (Ctrl+E)</source>
      <translation>تصدير حزمة للمحكمة مُتحقَّق منها (Ctrl+E)</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="60" />
      <source>&amp;Verify case</source>
      <translation>&amp;تحقق من القضية</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="61" />
      <source>Re-hash every original and check the custody chain (Ctrl+Shift+V)</source>
      <translation>إعادة حساب بصمة كل أصل وفحص سلسلة العهدة (Ctrl+Shift+V)</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="62" />
      <source>Verify &amp;bundle…</source>
      <translation>تحقق من &amp;حزمة…</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="63" />
      <source>Check an exported bundle (folder or zip)</source>
      <translation>فحص حزمة مُصدَّرة (مجلد أو zip)</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="64" />
      <source>&amp;Custody log</source>
      <translation>سجل ال&amp;عهدة</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="65" />
      <source>The whole custody log and the state of its chain (Ctrl+Shift+L)</source>
      <translation>سجل العهدة كاملًا وحالة سلسلته (Ctrl+Shift+L)</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="66" />
      <source>&amp;Lock now</source>
      <translation>&amp;قفل الآن</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="66" />
      <source>Lock the case now (Ctrl+L)</source>
      <translation>أقفل القضية الآن (Ctrl+L)</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="67" />
      <source>&amp;Find</source>
      <translation>&amp;بحث</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="68" />
      <source>Search (Ctrl+F)</source>
      <translation>بحث (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="69" />
      <source>&amp;Settings…</source>
      <translation>الإ&amp;عدادات…</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="69" />
      <source>Idle lock time</source>
      <translation>مدة الخمول قبل القفل</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="70" />
      <source>&amp;Close case</source>
      <translation>إ&amp;غلاق القضية</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="71" />
      <source>Close the case cleanly (Ctrl+W)</source>
      <translation>أغلق القضية إغلاقًا سليمًا (Ctrl+W)</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="75" />
      <source>&amp;Case</source>
      <translation>ال&amp;قضية</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="79" />
      <source>&amp;View</source>
      <translation>&amp;عرض</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="81" />
      <source>Main</source>
      <translation>الرئيسي</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="87" />
      <source>Search:</source>
      <translation>بحث:</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="94" />
      <source>Files to import</source>
      <translation>ملفات للاستيراد</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="100" />
      <source>Folder to import</source>
      <translation>مجلد للاستيراد</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="121" />
      <source>import</source>
      <translation>استيراد</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="122" />
      <source>Import</source>
      <translation>استيراد</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="149" />
      <source>The import stopped</source>
      <translation>توقف الاستيراد</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="168" />
      <source>OCR</source>
      <translation>التعرّف الضوئي على النصوص</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="172" />
      <source>OCR %1 of %2</source>
      <translation>التعرّف الضوئي %1 من %2</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="211" />
      <source>export</source>
      <translation>تصدير</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="212" />
      <source>Export</source>
      <translation>تصدير</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="228" />
      <source>The export stopped</source>
      <translation>توقف التصدير</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="240" />
      <source>verify case</source>
      <translation>التحقق من القضية</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="241" />
      <source>Verify case</source>
      <translation>التحقق من القضية</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="297" />
      <source>Message %1 in the original export (bytes %2–%3)</source>
      <translation>الرسالة %1 في ملف التصدير الأصلي (البايتات %2–%3)</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="300" />
      <source>Showing bytes %1–%2 of %3. The highlighted text is the message as stored.</source>
      <translation>عرض البايتات %1–%2 من %3. النص المظلّل هو الرسالة كما حُفظت.</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="333" />
      <source>Settings</source>
      <translation>الإعدادات</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="338" />
      <source>min</source>
      <translation>دقيقة</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="340" />
      <source>The case locks after this much time without keyboard or mouse</source>
      <translation>تُقفل القضية بعد مرور هذه المدة دون استخدام لوحة المفاتيح أو الفأرة</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="341" />
      <source>Lock after idle time:</source>
      <translation>القفل بعد مدة خمول:</translation>
    </message>
  </context>
  <context>
    <name>NewCaseWizard</name>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="175" />
      <source>New case</source>
      <translation>قضية جديدة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="193" />
      <source>Creating the encrypted case…</source>
      <translation>جارٍ إنشاء القضية المشفّرة…</translation>
    </message>
  </context>
  <context>
    <name>OpenCaseDialog</name>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="38" />
      <source>Open case</source>
      <translation>فتح قضية</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="43" />
      <source>&amp;Browse…</source>
      <translation>&amp;استعراض…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="44" />
      <source>Choose the case folder (it holds case.json and case.db)</source>
      <translation>اختر مجلد القضية (يضم case.json و case.db)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="48" />
      <source>Case &amp;folder:</source>
      <translation>&amp;مجلد القضية:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="50" />
      <source>optional: your name as recorded in the case</source>
      <translation>اختياري: اسمك كما سُجّل في القضية</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="51" />
      <source>Who is working. Leave empty to open with whichever examiner the passphrase belongs to.</source>
      <translation>من يعمل الآن. اتركه فارغًا للفتح باسم الفاحص الذي تخصه عبارة المرور.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="53" />
      <source>&amp;Examiner:</source>
      <translation>ال&amp;فاحص:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="56" />
      <source>&amp;Passphrase:</source>
      <translation>&amp;عبارة المرور:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="72" />
      <source>Case folder</source>
      <translation>مجلد القضية</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="87" />
      <source>Choose the case folder first.</source>
      <translation>اختر مجلد القضية أولًا.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="90" />
      <source>Type the passphrase.</source>
      <translation>اكتب عبارة المرور.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="96" />
      <source>Opening…</source>
      <translation>جارٍ الفتح…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="113" />
      <source>This folder is not an Evidence Workbench case (no readable case.json and case.db). Choose the case folder itself.</source>
      <translation>هذا المجلد ليس قضية من منصة الأدلة (لا يوجد فيه case.json و case.db مقروءان). اختر مجلد القضية نفسه.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="118" />
      <source>The passphrase does not open this case for that examiner. Check both and try again (attempt %d).</source>
      <translation>عبارة المرور لا تفتح هذه القضية لهذا الفاحص. راجع الاثنين وحاول مرة أخرى (المحاولة %d).</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="121" />
      <source>Wrong passphrase. Try again (attempt %d).</source>
      <translation>عبارة مرور خاطئة. حاول مرة أخرى (المحاولة %d).</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="126" />
      <source>The case is open elsewhere (another window or a command). Close it there, then try again.</source>
      <translation>القضية مفتوحة في مكان آخر (نافذة أخرى أو أمر). أغلقها هناك ثم حاول مرة أخرى.</translation>
    </message>
  </context>
  <context>
    <name>PreviewPanel</name>
    <message>
      <location filename="../../ui/views/preview.py" line="140" />
      <source>Page of the PDF</source>
      <translation>صفحة ملف PDF</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="143" />
      <location filename="../../ui/views/preview.py" line="304" />
      <source>Page:</source>
      <translation>الصفحة:</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="154" />
      <source>This item is marked sensitive (it may show graphic or abusive material).
Its preview is blurred. Looking at it is recorded in the custody log.</source>
      <translation>هذا العنصر مُعلَّم كحساس (قد يعرض مواد صادمة أو مسيئة).
معاينته مموّهة. وتُسجَّل رؤيته في سجل العهدة.</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="161" />
      <source>&amp;Show the item</source>
      <translation>&amp;اعرض العنصر</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="162" />
      <source>Show the unblurred preview; this is logged</source>
      <translation>اعرض المعاينة دون تمويه؛ يُسجَّل ذلك</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="180" />
      <source>Select an item to preview it.</source>
      <translation>اختر عنصرًا لمعاينته.</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="187" />
      <source>This item was retracted: its content no longer exists.</source>
      <translation>سُحب هذا العنصر: محتواه لم يعد موجودًا.</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="201" />
      <source>This item is too large to preview here (%s). Its hashes and metadata are in the other tabs.</source>
      <translation>هذا العنصر أكبر من أن يُعاين هنا (%s). بصماته وبياناته الوصفية في التبويبات الأخرى.</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="224" />
      <source>No preview for this type (%s). Its metadata and hashes are in the other tabs.</source>
      <translation>لا توجد معاينة لهذا النوع (%s). بياناته الوصفية وبصماته في التبويبات الأخرى.</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="250" />
      <source>No preview: %s</source>
      <translation>لا توجد معاينة: %s</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="254" />
      <source>No preview.</source>
      <translation>لا توجد معاينة.</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="260" />
      <source>Loading preview…</source>
      <translation>جارٍ تحميل المعاينة…</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="269" />
      <source>%1 × %2 px, %3 (shown as oriented by EXIF)</source>
      <translation>%1 × %2 بكسل، %3 (معروضة بالاتجاه المحدد في EXIF)</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="281" />
      <source>Rendering page…</source>
      <translation>جارٍ عرض الصفحة…</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="294" />
      <source>of %d</source>
      <translation>من %d</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="319" />
      <source>Loading text…</source>
      <translation>جارٍ تحميل النص…</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="320" />
      <source>[only the first 1 MB is shown]</source>
      <translation>[لا يُعرض إلا أول 1 ميغابايت]</translation>
    </message>
  </context>
  <context>
    <name>SearchResults</name>
    <message>
      <location filename="../../ui/views/search.py" line="25" />
      <source>%1 result(s) for “%2” (%3 ms)</source>
      <translation>%1 نتيجة لـ «%2» (%3 ملّي ثانية)</translation>
    </message>
    <message>
      <location filename="../../ui/views/search.py" line="32" />
      <source>message %d</source>
      <translation>الرسالة %d</translation>
    </message>
  </context>
  <context>
    <name>StartScreen</name>
    <message>
      <location filename="../../ui/start.py" line="34" />
      <location filename="../../ui/start.py" line="39" />
      <source>Evidence Workbench</source>
      <translation>منصة الأدلة</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="45" />
      <source>Preserve digital evidence for court: every item hashed on intake, kept encrypted, with a signed chain of custody.</source>
      <translation>حفظ الأدلة الرقمية للمحكمة: كل عنصر يُحسب بصمته عند الاستلام، ويُحفظ مشفرًا، مع سلسلة عهدة موقّعة.</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="50" />
      <source>&amp;New case…</source>
      <translation>قضية &amp;جديدة…</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="52" />
      <source>Create a new encrypted case (Ctrl+N)</source>
      <translation>أنشئ قضية مشفّرة جديدة (Ctrl+N)</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="53" />
      <source>&amp;Open case…</source>
      <translation>&amp;فتح قضية…</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="55" />
      <source>Open an existing case folder (Ctrl+O)</source>
      <translation>افتح مجلد قضية موجودة (Ctrl+O)</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="56" />
      <source>&amp;Verify bundle…</source>
      <translation>&amp;تحقق من حزمة…</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="57" />
      <source>Check an exported bundle (folder or zip) without any case</source>
      <translation>افحص حزمة مُصدَّرة (مجلد أو zip) دون أي قضية</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="66" />
      <source>Recent cases</source>
      <translation>القضايا الأخيرة</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="68" />
      <source>Double-click (or Enter) to open</source>
      <translation>انقر مرتين (أو اضغط Enter) للفتح</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="72" />
      <source>&amp;Remember recent cases</source>
      <translation>&amp;تذكر القضايا الأخيرة</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="73" />
      <source>On a seized laptop this list shows which cases exist. Turn it off to erase it and keep no list.</source>
      <translation>على حاسوب محمول مُصادَر تكشف هذه القائمة القضايا الموجودة. أوقفها لمحوها وعدم الاحتفاظ بأي قائمة.</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="77" />
      <source>&amp;Clear list</source>
      <translation>&amp;مسح القائمة</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="78" />
      <source>Erase the list of recent cases</source>
      <translation>امحُ قائمة القضايا الأخيرة</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="109" />
      <source>(no recent cases)</source>
      <translation>(لا توجد قضايا حديثة)</translation>
    </message>
  </context>
  <context>
    <name>VerifyBundleDialog</name>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="88" />
      <source>Verify bundle</source>
      <translation>التحقق من حزمة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="90" />
      <source>Check an exported bundle: every file against its manifests, the examiner's signature and the custody chain. The bundle is only read.</source>
      <translation>افحص حزمة مُصدَّرة: كل ملف مقابل بياناته، وتوقيع الفاحص، وسلسلة العهدة. تُقرأ الحزمة فقط دون تعديل.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="93" />
      <source>Bundle &amp;folder…</source>
      <translation>&amp;مجلد الحزمة…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="94" />
      <source>Choose an unpacked bundle folder</source>
      <translation>اختر مجلد حزمة غير مضغوطة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="95" />
      <source>Bundle &amp;zip…</source>
      <translation>ملف &amp;zip للحزمة…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="96" />
      <source>Choose a bundle zip file (read in place, not unpacked)</source>
      <translation>اختر ملف zip للحزمة (يُقرأ في مكانه دون فك ضغطه)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="115" />
      <source>Bundle folder</source>
      <translation>مجلد الحزمة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="116" />
      <source>Bundle zip</source>
      <translation>ملف zip للحزمة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="116" />
      <source>Zip files (*.zip)</source>
      <translation>ملفات zip (*.zip)</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="124" />
      <source>Verifying %s …</source>
      <translation>جارٍ التحقق من %s …</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="140" />
      <source>The bundle verifies: nothing changed, nothing missing, nothing added; signature and custody chain good.</source>
      <translation>الحزمة اجتازت التحقق: لم يتغير شيء، ولم ينقص شيء، ولم يُضف شيء؛ والتوقيع وسلسلة العهدة سليمان.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="143" />
      <source>The bundle does NOT verify: %d problem(s).</source>
      <translation>الحزمة لم تجتز التحقق: %d مشكلة.</translation>
    </message>
  </context>
  <context>
    <name>VerifyReportDialog</name>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="43" />
      <source>Case verification</source>
      <translation>التحقق من القضية</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="47" />
      <source>Verification clean: every original matches its hashes and the custody chain is intact.</source>
      <translation>التحقق سليم: كل أصل يطابق بصماته وسلسلة العهدة سليمة.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="50" />
      <source>%d problem(s) found.</source>
      <translation>وُجدت %d مشكلة.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="52" />
      <source>Checked %1 items, %2 encrypted originals, %3 custody events; %4 retracted.</source>
      <translation>فُحص %1 عنصرًا، و%2 أصلًا مشفّرًا، و%3 حدث عهدة؛ %4 مسحوب.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="55" />
      <source>Chain head: %s</source>
      <translation>رأس السلسلة: %s</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="59" />
      <source>Exhibit / place</source>
      <translation>الدليل / الموضع</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="59" />
      <source>Kind</source>
      <translation>النوع</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="59" />
      <source>Problem</source>
      <translation>المشكلة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="63" />
      <source>custody seq %d</source>
      <translation>تسلسل العهدة %d</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="63" />
      <source>case</source>
      <translation>القضية</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="74" />
      <source>%d interrupted import(s) will be cleaned up at the next open.</source>
      <translation>سيُنظَّف %d استيراد متقطّع عند الفتح التالي.</translation>
    </message>
  </context>
  <context>
    <name>_CasePage</name>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="36" />
      <source>The case</source>
      <translation>القضية</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="37" />
      <source>What the case is called and its reference number.</source>
      <translation>اسم القضية ورقمها المرجعي.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="42" />
      <source>A name your team uses for the case</source>
      <translation>اسم يستخدمه فريقك للقضية</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="43" />
      <source>Case &amp;name:</source>
      <translation>&amp;اسم القضية:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="44" />
      <source>Case n&amp;umber:</source>
      <translation>&amp;رقم القضية:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="45" />
      <source>&amp;Organisation:</source>
      <translation>ال&amp;منظمة:</translation>
    </message>
  </context>
  <context>
    <name>_ExaminerPage</name>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="54" />
      <source>Examiner</source>
      <translation>الفاحص</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="55" />
      <source>Who is creating the case. Every custody event is signed with this examiner's key.</source>
      <translation>من ينشئ القضية. كل حدث عهدة يُوقَّع بمفتاح هذا الفاحص.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="61" />
      <source>e.g. investigator, lawyer</source>
      <translation>مثلًا: محقق، محامٍ</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="62" />
      <source>&amp;Your name:</source>
      <translation>ا&amp;سمك:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="63" />
      <source>O&amp;rganisation:</source>
      <translation>ال&amp;منظمة:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="64" />
      <source>&amp;Role:</source>
      <translation>ال&amp;دور:</translation>
    </message>
  </context>
  <context>
    <name>_LocationPage</name>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="77" />
      <source>Location</source>
      <translation>الموقع</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="78" />
      <source>Where the encrypted case folder is made. Choose an encrypted or removable disk if your organisation asks for one.</source>
      <translation>مكان إنشاء مجلد القضية المشفّر. اختر قرصًا مشفّرًا أو قابلًا للإزالة إن طلبت منظمتك ذلك.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="84" />
      <source>&amp;Browse…</source>
      <translation>&amp;استعراض…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="85" />
      <source>Choose the folder that will hold the case</source>
      <translation>اختر المجلد الذي سيضم القضية</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="89" />
      <source>&amp;Folder:</source>
      <translation>ال&amp;مجلد:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="91" />
      <source>Case folder &amp;name:</source>
      <translation>ا&amp;سم مجلد القضية:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="94" />
      <source>The case will be:</source>
      <translation>ستكون القضية في:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="107" />
      <source>Folder for the case</source>
      <translation>مجلد القضية</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="124" />
      <source>That folder already exists and is not empty.</source>
      <translation>هذا المجلد موجود وليس فارغًا.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="127" />
      <source>The folder to hold the case does not exist.</source>
      <translation>المجلد الذي سيضم القضية غير موجود.</translation>
    </message>
  </context>
  <context>
    <name>_PassphrasePage</name>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="136" />
      <source>Passphrase</source>
      <translation>عبارة المرور</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="137" />
      <source>The passphrase encrypts the case. Without it (or a recovery kit) nobody can open the case, not even you. A few unrelated words are long and easy to remember.</source>
      <translation>عبارة المرور تشفّر القضية. بدونها (أو بدون حزمة استرداد) لا يستطيع أحد فتح القضية، ولا حتى أنت. بضع كلمات غير مترابطة تكون طويلة وسهلة التذكّر.</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="148" />
      <source>&amp;Passphrase:</source>
      <translation>&amp;عبارة المرور:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="149" />
      <source>&amp;Confirm:</source>
      <translation>تأ&amp;كيد:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="150" />
      <source>Strength:</source>
      <translation>القوة:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="158" />
      <source>at least %d characters</source>
      <translation>%d حرفًا على الأقل</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="160" />
      <source>The two passphrases differ.</source>
      <translation>عبارتا المرور مختلفتان.</translation>
    </message>
  </context>
</TS>