<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar">
  <context>
    <name />
    <message>
      <location filename="../../ui/errors.py" line="31" />
      <source>The operating system refused: %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/errors.py" line="32" />
      <source>Check that the disk is connected, has space, and that you may write there; then try again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/errors.py" line="50" />
      <source>Could not finish</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/errors.py" line="62" />
      <source>Unexpected error</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/errors.py" line="64" />
      <source>Something went wrong inside Evidence Workbench. The case was left consistent: whatever was committed before stays committed.
Please send the details below to the people who support the workbench. They say where the program failed, not what your evidence contains.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/errors.py" line="72" />
      <source>Saved as: %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/errors.py" line="77" />
      <source>Copy details</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>BubbleDelegate</name>
    <message>
      <location filename="../../ui/views/chat.py" line="208" />
      <location filename="../../ui/views/chat.py" line="210" />
      <source>Attachment:</source>
      <translation>مرفق:</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="210" />
      <source>(not in the export)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="213" />
      <source>This message was deleted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="296" />
      <source>(no sender)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ChatView</name>
    <message>
      <location filename="../../ui/views/chat.py" line="354" />
      <source>Go to a message by its number in the conversation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="355" />
      <source>&amp;Go</source>
      <translation>&amp;اذهب</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="358" />
      <source>Show in &amp;original</source>
      <translation>اعرض في ال&amp;أصل</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="359" />
      <source>Show the selected message's bytes highlighted in the export file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="361" />
      <source>Message:</source>
      <translation>الرسالة:</translation>
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="374" />
      <source>No conversation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="377" />
      <source>&lt;b&gt;%1&lt;/b&gt; (%2) · %3 messages · %4 – %5&lt;br&gt;%6</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="390" />
      <source>showing %1–%2 of %3</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ChatWindowModel</name>
    <message>
      <location filename="../../ui/views/chat.py" line="68" />
      <source>Message %d</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="70" />
      <source>As written: %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="72" />
      <source>Local: %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="73" />
      <source>UTC: %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="73" />
      <source>unknown (%s)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/chat.py" line="74" />
      <source>Bytes %d–%d of the export</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CustodyLogDialog</name>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="94" />
      <source>Custody log</source>
      <translation>سجل العهدة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="96" />
      <source>Checking the chain…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="130" />
      <source>Chain intact: %d events, every link and signature checked.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="134" />
      <source>Chain BROKEN at seq %1 (%2 problem(s)): %3</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CustodyModel</name>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="28" />
      <source>Seq</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="28" />
      <source>Time (UTC)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="28" />
      <source>Action</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="28" />
      <source>Exhibit</source>
      <translation>الدليل</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="29" />
      <source>Examiner</source>
      <translation>الفاحص</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="29" />
      <source>Details</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/custody_log.py" line="29" />
      <source>Hash</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>DetailPane</name>
    <message>
      <location filename="../../ui/views/detail.py" line="52" />
      <source>&amp;Preview</source>
      <translation>&amp;معاينة</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="53" />
      <source>&amp;Metadata</source>
      <translation>&amp;البيانات الوصفية</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="54" />
      <source>&amp;Hashes</source>
      <translation>&amp;البصمات</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="55" />
      <source>C&amp;ustody</source>
      <translation>ال&amp;عهدة</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="56" />
      <source>&amp;Notes and tags</source>
      <translation>&amp;ملاحظات ووسوم</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="57" />
      <source>The item as it looks (rendered in memory)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="58" />
      <source>Every custody event about this item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="72" />
      <source>Copy the coordinates</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="73" />
      <source>GPS:</source>
      <translation>الإحداثيات:</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="79" />
      <source>Field</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="79" />
      <source>Value</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="79" />
      <source>Where / by</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="96" />
      <source>Copy the %s hash</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="99" />
      <source>&amp;Verify now</source>
      <translation>&amp;تحقق الآن</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="100" />
      <source>Decrypt this item's original and hash it again; the result is recorded in the custody log</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="111" />
      <source>Seq</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="111" />
      <source>Time (UTC)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="111" />
      <source>Action</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="111" />
      <source>Examiner</source>
      <translation>الفاحص</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="112" />
      <source>Details</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="120" />
      <source>Notes (each save is a custody event):</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="123" />
      <source>&amp;Save notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="124" />
      <source>Save the notes (Ctrl+S)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="128" />
      <source>Tags:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="134" />
      <source>new tag</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="138" />
      <source>&amp;Add tag</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="140" />
      <source>&amp;Remove tag</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="141" />
      <source>Remove the selected tag</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="147" />
      <source>Sensitive (graphic or abusive material: blur previews)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="159" />
      <source>No item selected.</source>
      <translation>لم يُختر أي عنصر.</translation>
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="212" />
      <source>Item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="221" />
      <source>Acquisition</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="232" />
      <source>finding</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="234" />
      <source>Findings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="239" />
      <source>Extracted fields</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="245" />
      <source>Warnings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="250" />
      <source>Conversation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="252" />
      <source>decision</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="254" />
      <source>parser warning</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="256" />
      <source>Children</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="264" />
      <source>no GPS coordinates</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="313" />
      <source>Hashing the original again…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="330" />
      <source>✔ The original matches its recorded hashes.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="331" />
      <source>✘ The original does NOT match its recorded hashes. Run Verify case and keep this laptop as it is.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/detail.py" line="336" />
      <source>✘ The encrypted original could not be read: %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Copy</source>
      <translation>نسخ</translation>
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
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="60" />
      <source>see verify report</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="60" />
      <source>not verified yet</source>
      <translation>لم يُتحقق بعد</translation>
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="61" />
      <source>retracted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="75" />
      <source>Not sortable</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="76" />
      <source>Click to sort</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="105" />
      <source>Marked sensitive: previews are blurred until you choose to look.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="107" />
      <source>Inside %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/models/evidence.py" line="109" />
      <source>Same content as %s</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="28" />
      <source>Export a court bundle</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="30" />
      <source>A BagIt bundle with the originals, their hashes, metadata, the custody log and a signed report. It is verified after writing.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="33" />
      <source>The &amp;selected items (%d)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="36" />
      <source>Items with the &amp;tag:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="42" />
      <source>&amp;All items</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="52" />
      <source>&amp;Browse…</source>
      <translation>&amp;استعراض…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="53" />
      <source>Choose the folder that will hold the bundle</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="57" />
      <source>&amp;Destination folder:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="59" />
      <source>Bundle &amp;name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="60" />
      <source>Also make a &amp;zip file (with its SHA-256)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="61" />
      <source>&amp;Hide source paths (they can name people or places)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="70" />
      <source>&amp;Export</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="78" />
      <source>Destination folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="88" />
      <source>Give the bundle a name.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="91" />
      <source>The destination folder does not exist.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="94" />
      <source>A file or folder of that name is already there.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ExportResultDialog</name>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="113" />
      <source>Export finished</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="123" />
      <source>The bundle was written and verifies.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="124" />
      <source>The bundle was written but does NOT verify: %d problem(s).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="128" />
      <source>Bundle:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="129" />
      <source>Tag manifest SHA-256:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="130" />
      <source>Zip:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="131" />
      <source>Zip SHA-256:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="141" />
      <source>&amp;Open folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/export_dialog.py" line="143" />
      <source>Show the bundle in the file manager</source>
      <translation type="unfinished" />
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
      <translation type="unfinished" />
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
      <location filename="../../ui/views/preview.py" line="32" />
      <source>Zoom out (Ctrl+-)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="34" />
      <source>Zoom in (Ctrl++)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="35" />
      <source>Fit</source>
      <translation>ملاءمة</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="36" />
      <source>Fit to the pane (Ctrl+0)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ImportOptionsDialog</name>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="25" />
      <source>Import evidence</source>
      <translation>استيراد أدلة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="32" />
      <source>Files and folders to import (folders are read with everything inside):</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="36" />
      <source>e.g. phone of witness A, handed over on 3 March</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="37" />
      <source>Where the evidence comes from; recorded with every item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="38" />
      <source>&amp;Source:</source>
      <translation>ال&amp;مصدر:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="42" />
      <source>How it reached you; recorded with every item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="43" />
      <source>&amp;Method:</source>
      <translation>ال&amp;طريقة:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="46" />
      <location filename="../../ui/dialogs/import_dialog.py" line="73" />
      <source>not known</source>
      <translation>غير معروفة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="53" />
      <source>The time zone of the phone that wrote the chat exports. WhatsApp text exports carry no zone: without it, times are kept as written and no UTC time is given.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="56" />
      <source>&amp;Time zone of chat exports:</source>
      <translation>ال&amp;منطقة الزمنية لتصدير المحادثات:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="57" />
      <source>E&amp;xtract metadata, text and chats now</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="65" />
      <source>&amp;Import</source>
      <translation>&amp;استيراد</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="85" />
      <source>Unknown time zone: use a name such as Asia/Muscat.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="89" />
      <source>Not found: %s</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ImportSummaryDialog</name>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="105" />
      <source>Import finished</source>
      <translation>انتهى الاستيراد</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="105" />
      <source>Import cancelled</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="112" />
      <source>Imported %1 item(s): %2 with the same content as an earlier exhibit, %3 already in the case. %4 warning(s), %5 failed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="118" />
      <source>Cancelled. The items listed were committed and are safe; the rest were not imported.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="124" />
      <location filename="../../ui/dialogs/import_dialog.py" line="130" />
      <location filename="../../ui/dialogs/import_dialog.py" line="140" />
      <source>Exhibit</source>
      <translation>الدليل</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="124" />
      <location filename="../../ui/dialogs/import_dialog.py" line="130" />
      <source>Name</source>
      <translation>الاسم</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="124" />
      <source>Size</source>
      <translation>الحجم</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="124" />
      <source>SHA-256</source>
      <translation>SHA-256</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="125" />
      <source>Note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="127" />
      <source>same content as %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="128" />
      <source>inside %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="129" />
      <source>Imported (%d)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="130" />
      <source>Same content as</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="132" />
      <source>Duplicates (%d)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="133" />
      <source>Where</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="133" />
      <source>Warning</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="135" />
      <source>Warnings (%d)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="136" />
      <location filename="../../ui/dialogs/import_dialog.py" line="140" />
      <source>Path</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="136" />
      <source>Reason</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="138" />
      <source>Failed (%d)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="142" />
      <source>Already in the case (%d)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/import_dialog.py" line="159" />
      <source>… and %d more</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>JobRow</name>
    <message>
      <location filename="../../ui/jobs_panel.py" line="40" />
      <source>starting…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="42" />
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="44" />
      <source>Stop after the current file; everything already committed stays</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="55" />
      <source>cancelling after the current file…</source>
      <translation type="unfinished" />
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
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/lock.py" line="71" />
      <source>Checking…</source>
      <translation type="unfinished" />
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
      <location filename="../../ui/main_window.py" line="59" />
      <source>%1 (%2) — Evidence Workbench</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="77" />
      <source>Filters</source>
      <translation>المرشحات</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="78" />
      <source>Search results</source>
      <translation>نتائج البحث</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="96" />
      <source>No evidence yet.

Drag files or folders onto this window, or use Import files (Ctrl+I) or Import folder (Ctrl+Shift+I).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="124" />
      <source>Search text and chat messages (Ctrl+F)</source>
      <translation>ابحث في النصوص ورسائل المحادثات (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="126" />
      <source>Words to find in extracted text, OCR and chat messages; Enter to search</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="167" />
      <source>encrypted</source>
      <translation>مشفّرة</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="168" />
      <source>Originals are age-encrypted; the database is SQLCipher-encrypted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="189" />
      <source>%d items</source>
      <translation>%d عنصر</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="191" />
      <source>not verified yet</source>
      <translation>لم يُتحقق بعد</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="193" />
      <source>verified %s: clean</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="195" />
      <source>verified %1: %2 problem(s)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="271" />
      <source>Searching…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="317" />
      <source>Still running: %s. Its result will be shown after unlocking.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="368" />
      <source>Closing when the running work has stopped…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="381" />
      <source>Work is running</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="382" />
      <source>Still running: %s.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="383" />
      <source>Wait for it to finish, or cancel it? Items already imported stay committed either way.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="385" />
      <source>&amp;Wait, then close</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="386" />
      <source>&amp;Cancel the work and close</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="387" />
      <source>&amp;Keep working</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="40" />
      <source>&amp;Import files…</source>
      <translation>&amp;استيراد ملفات…</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="41" />
      <source>Import files (Ctrl+I); you can also drag files onto the window</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="42" />
      <source>Import &amp;folder…</source>
      <translation>استيراد &amp;مجلد…</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="43" />
      <source>Import a folder with everything inside (Ctrl+Shift+I)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="44" />
      <source>&amp;Export bundle…</source>
      <translation>&amp;تصدير حزمة…</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="45" />
      <source>Export a verified court bundle (Ctrl+E)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="46" />
      <source>&amp;Verify case</source>
      <translation>&amp;تحقق من القضية</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="47" />
      <source>Re-hash every original and check the custody chain (Ctrl+Shift+V)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="48" />
      <source>Verify &amp;bundle…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="49" />
      <source>Check an exported bundle (folder or zip)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="50" />
      <source>&amp;Custody log</source>
      <translation>سجل ال&amp;عهدة</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="51" />
      <source>The whole custody log and the state of its chain (Ctrl+Shift+L)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="52" />
      <source>&amp;Lock now</source>
      <translation>&amp;قفل الآن</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="52" />
      <source>Lock the case now (Ctrl+L)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="53" />
      <source>&amp;Find</source>
      <translation>&amp;بحث</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="54" />
      <source>Search (Ctrl+F)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="55" />
      <source>&amp;Settings…</source>
      <translation>الإ&amp;عدادات…</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="55" />
      <source>Idle lock time</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="56" />
      <source>&amp;Close case</source>
      <translation>إ&amp;غلاق القضية</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="57" />
      <source>Close the case cleanly (Ctrl+W)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="61" />
      <source>&amp;Case</source>
      <translation>ال&amp;قضية</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="65" />
      <source>&amp;View</source>
      <translation>&amp;عرض</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="67" />
      <source>Main</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="73" />
      <source>Search:</source>
      <translation>بحث:</translation>
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="80" />
      <source>Files to import</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="86" />
      <source>Folder to import</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="107" />
      <source>import</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="108" />
      <source>Import</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="135" />
      <source>The import stopped</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="154" />
      <location filename="../../ui/jobs_panel.py" line="73" />
      <source>OCR</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="158" />
      <source>OCR %1 of %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="197" />
      <source>export</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="198" />
      <source>Export</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="214" />
      <source>The export stopped</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="226" />
      <source>verify case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="227" />
      <source>Verify case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="283" />
      <source>Message %1 in the original export (bytes %2–%3)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="286" />
      <source>Showing bytes %1–%2 of %3. The highlighted text is the message as stored.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="319" />
      <source>Settings</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="324" />
      <source>min</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="326" />
      <source>The case locks after this much time without keyboard or mouse</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/operations_ui.py" line="327" />
      <source>Lock after idle time:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="72" />
      <source>Preserving</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="72" />
      <source>Extracting metadata</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="73" />
      <source>Verifying</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="73" />
      <source>Exporting</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="74" />
      <source>Scanning</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="77" />
      <source>%1 of %2 files</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/jobs_panel.py" line="84" />
      <source>about %s left</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>NewCaseWizard</name>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="165" />
      <source>New case</source>
      <translation>قضية جديدة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="183" />
      <source>Creating the encrypted case…</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>OpenCaseDialog</name>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="28" />
      <source>Open case</source>
      <translation>فتح قضية</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="33" />
      <source>&amp;Browse…</source>
      <translation>&amp;استعراض…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="34" />
      <source>Choose the case folder (it holds case.json and case.db)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="38" />
      <source>Case &amp;folder:</source>
      <translation>&amp;مجلد القضية:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="40" />
      <source>optional: your name as recorded in the case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="41" />
      <source>Who is working. Leave empty to open with whichever examiner the passphrase belongs to.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="43" />
      <source>&amp;Examiner:</source>
      <translation>ال&amp;فاحص:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="46" />
      <source>&amp;Passphrase:</source>
      <translation>&amp;عبارة المرور:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="62" />
      <source>Case folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="77" />
      <source>Choose the case folder first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="80" />
      <source>Type the passphrase.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="86" />
      <source>Opening…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="103" />
      <source>This folder is not an Evidence Workbench case (no readable case.json and case.db). Choose the case folder itself.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="108" />
      <source>The passphrase does not open this case for that examiner. Check both and try again (attempt %d).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="111" />
      <source>Wrong passphrase. Try again (attempt %d).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/open_case.py" line="116" />
      <source>The case is open elsewhere (another window or a command). Close it there, then try again.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PreviewPanel</name>
    <message>
      <location filename="../../ui/views/preview.py" line="122" />
      <source>Page of the PDF</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="125" />
      <location filename="../../ui/views/preview.py" line="285" />
      <source>Page:</source>
      <translation>الصفحة:</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="135" />
      <source>This item is marked sensitive (it may show graphic or abusive material).
Its preview is blurred. Looking at it is recorded in the custody log.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="142" />
      <source>&amp;Show the item</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="143" />
      <source>Show the unblurred preview; this is logged</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="161" />
      <source>Select an item to preview it.</source>
      <translation>اختر عنصرًا لمعاينته.</translation>
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="168" />
      <source>This item was retracted: its content no longer exists.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="182" />
      <source>This item is too large to preview here (%s). Its hashes and metadata are in the other tabs.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="205" />
      <source>No preview for this type (%s). Its metadata and hashes are in the other tabs.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="231" />
      <source>No preview: %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="235" />
      <source>No preview.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="241" />
      <source>Loading preview…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="250" />
      <source>%1 × %2 px, %3 (shown as oriented by EXIF)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="262" />
      <source>Rendering page…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="275" />
      <source>of %d</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="300" />
      <source>Loading text…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/preview.py" line="301" />
      <source>[only the first 1 MB is shown]</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SearchResults</name>
    <message>
      <location filename="../../ui/views/search.py" line="25" />
      <source>%1 result(s) for “%2” (%3 ms)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/views/search.py" line="32" />
      <source>message %d</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>StartScreen</name>
    <message>
      <location filename="../../ui/start.py" line="22" />
      <location filename="../../ui/start.py" line="27" />
      <source>Evidence Workbench</source>
      <translation>منصة الأدلة</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="33" />
      <source>Preserve digital evidence for court: every item hashed on intake, kept encrypted, with a signed chain of custody.</source>
      <translation>حفظ الأدلة الرقمية للمحكمة: كل عنصر يُحسب بصمته عند الاستلام، ويُحفظ مشفرًا، مع سلسلة عهدة موقّعة.</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="38" />
      <source>&amp;New case…</source>
      <translation>قضية &amp;جديدة…</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="40" />
      <source>Create a new encrypted case (Ctrl+N)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/start.py" line="41" />
      <source>&amp;Open case…</source>
      <translation>&amp;فتح قضية…</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="43" />
      <source>Open an existing case folder (Ctrl+O)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/start.py" line="44" />
      <source>&amp;Verify bundle…</source>
      <translation>&amp;تحقق من حزمة…</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="45" />
      <source>Check an exported bundle (folder or zip) without any case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/start.py" line="54" />
      <source>Recent cases</source>
      <translation>القضايا الأخيرة</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="56" />
      <source>Double-click (or Enter) to open</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/start.py" line="60" />
      <source>&amp;Remember recent cases</source>
      <translation>&amp;تذكر القضايا الأخيرة</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="61" />
      <source>On a seized laptop this list shows which cases exist. Turn it off to erase it and keep no list.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/start.py" line="65" />
      <source>&amp;Clear list</source>
      <translation>&amp;مسح القائمة</translation>
    </message>
    <message>
      <location filename="../../ui/start.py" line="66" />
      <source>Erase the list of recent cases</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/start.py" line="97" />
      <source>(no recent cases)</source>
      <translation>(لا توجد قضايا حديثة)</translation>
    </message>
  </context>
  <context>
    <name>VerifyBundleDialog</name>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="76" />
      <source>Verify bundle</source>
      <translation>التحقق من حزمة</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="78" />
      <source>Check an exported bundle: every file against its manifests, the examiner's signature and the custody chain. The bundle is only read.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="81" />
      <source>Bundle &amp;folder…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="82" />
      <source>Choose an unpacked bundle folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="83" />
      <source>Bundle &amp;zip…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="84" />
      <source>Choose a bundle zip file (read in place, not unpacked)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="103" />
      <source>Bundle folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="104" />
      <source>Bundle zip</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="104" />
      <source>Zip files (*.zip)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="112" />
      <source>Verifying %s …</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="128" />
      <source>The bundle verifies: nothing changed, nothing missing, nothing added; signature and custody chain good.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="131" />
      <source>The bundle does NOT verify: %d problem(s).</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>VerifyReportDialog</name>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="31" />
      <source>Case verification</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="35" />
      <source>Verification clean: every original matches its hashes and the custody chain is intact.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="38" />
      <source>%d problem(s) found.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="40" />
      <source>Checked %1 items, %2 encrypted originals, %3 custody events; %4 retracted.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="43" />
      <source>Chain head: %s</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="47" />
      <source>Exhibit / place</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="47" />
      <source>Kind</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="47" />
      <source>Problem</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="51" />
      <source>custody seq %d</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="51" />
      <source>case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/verify.py" line="62" />
      <source>%d interrupted import(s) will be cleaned up at the next open.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>_CasePage</name>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="26" />
      <source>The case</source>
      <translation>القضية</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="27" />
      <source>What the case is called and its reference number.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="32" />
      <source>A name your team uses for the case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="33" />
      <source>Case &amp;name:</source>
      <translation>&amp;اسم القضية:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="34" />
      <source>Case n&amp;umber:</source>
      <translation>&amp;رقم القضية:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="35" />
      <source>&amp;Organisation:</source>
      <translation>ال&amp;منظمة:</translation>
    </message>
  </context>
  <context>
    <name>_ExaminerPage</name>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="44" />
      <source>Examiner</source>
      <translation>الفاحص</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="45" />
      <source>Who is creating the case. Every custody event is signed with this examiner's key.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="51" />
      <source>e.g. investigator, lawyer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="52" />
      <source>&amp;Your name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="53" />
      <source>O&amp;rganisation:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="54" />
      <source>&amp;Role:</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>_LocationPage</name>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="67" />
      <source>Location</source>
      <translation>الموقع</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="68" />
      <source>Where the encrypted case folder is made. Choose an encrypted or removable disk if your organisation asks for one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="74" />
      <source>&amp;Browse…</source>
      <translation>&amp;استعراض…</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="75" />
      <source>Choose the folder that will hold the case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="79" />
      <source>&amp;Folder:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="81" />
      <source>Case folder &amp;name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="84" />
      <source>The case will be:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="97" />
      <source>Folder for the case</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="114" />
      <source>That folder already exists and is not empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="117" />
      <source>The folder to hold the case does not exist.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>_PassphrasePage</name>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="126" />
      <source>Passphrase</source>
      <translation>عبارة المرور</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="127" />
      <source>The passphrase encrypts the case. Without it (or a recovery kit) nobody can open the case, not even you. A few unrelated words are long and easy to remember.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="138" />
      <source>&amp;Passphrase:</source>
      <translation>&amp;عبارة المرور:</translation>
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="139" />
      <source>&amp;Confirm:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="140" />
      <source>Strength:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="148" />
      <source>at least %d characters</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../ui/dialogs/new_case.py" line="150" />
      <source>The two passphrases differ.</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>