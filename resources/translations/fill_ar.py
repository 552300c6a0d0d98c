"""Fill workbench_ar.ts with Arabic translations and compile workbench_ar.qm (developer tool).

Run from the repository: ``python resources/translations/fill_ar.py`` after
``pyside6-lupdate $(find ui -name '*.py') -ts resources/translations/workbench_ar.ts -target-language ar``.
lupdate names the context of ``w.tr(...)`` (a MainWindow passed to a helper) "w", and of
``parent.tr(...)`` "parent"; at run time those contexts are "MainWindow" and "DetailPane", so messages are
moved there. Strings without a translation stay unfinished and show in English.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TS = HERE / "workbench_ar.ts"

AR = {
    "Evidence Workbench": "منصة الأدلة",
    "&New case…": "قضية &جديدة…",
    "&Open case…": "&فتح قضية…",
    "&Verify bundle…": "&تحقق من حزمة…",
    "Recent cases": "القضايا الأخيرة",
    "&Remember recent cases": "&تذكر القضايا الأخيرة",
    "&Clear list": "&مسح القائمة",
    "(no recent cases)": "(لا توجد قضايا حديثة)",
    "Preserve digital evidence for court: every item hashed on intake, kept encrypted, with a signed chain of custody.":
        "حفظ الأدلة الرقمية للمحكمة: كل عنصر يُحسب بصمته عند الاستلام، ويُحفظ مشفرًا، مع سلسلة عهدة موقّعة.",
    "Filters": "المرشحات",
    "Search results": "نتائج البحث",
    "All items": "كل العناصر",
    "Images": "الصور",
    "Documents": "المستندات",
    "Chats": "المحادثات",
    "Email": "البريد الإلكتروني",
    "Other": "أخرى",
    "Flagged (findings)": "عليها ملاحظات",
    "Tags": "الوسوم",
    "Exhibit": "الدليل",
    "Name": "الاسم",
    "Type": "النوع",
    "Size": "الحجم",
    "Acquired (UTC)": "تاريخ الاستلام (UTC)",
    "SHA-256": "SHA-256",
    "Verification": "التحقق",
    "verified": "تم التحقق",
    "not verified yet": "لم يُتحقق بعد",
    "&Preview": "&معاينة",
    "&Metadata": "&البيانات الوصفية",
    "&Hashes": "&البصمات",
    "C&ustody": "ال&عهدة",
    "&Notes and tags": "&ملاحظات ووسوم",
    "&Import files…": "&استيراد ملفات…",
    "Import &folder…": "استيراد &مجلد…",
    "&Export bundle…": "&تصدير حزمة…",
    "&Verify case": "&تحقق من القضية",
    "&Custody log": "سجل ال&عهدة",
    "&Lock now": "&قفل الآن",
    "&Find": "&بحث",
    "&Settings…": "الإ&عدادات…",
    "&Close case": "إ&غلاق القضية",
    "&Case": "ال&قضية",
    "&View": "&عرض",
    "Search:": "بحث:",
    "Search text and chat messages (Ctrl+F)": "ابحث في النصوص ورسائل المحادثات (Ctrl+F)",
    "encrypted": "مشفّرة",
    "%d items": "%d عنصر",
    "The case is locked": "القضية مقفلة",
    "&Unlock": "&فتح القفل",
    "passphrase": "عبارة المرور",
    "Wrong passphrase. Try again.": "عبارة مرور خاطئة. حاول مرة أخرى.",
    "Import evidence": "استيراد أدلة",
    "&Source:": "ال&مصدر:",
    "&Method:": "ال&طريقة:",
    "&Time zone of chat exports:": "ال&منطقة الزمنية لتصدير المحادثات:",
    "&Import": "&استيراد",
    "not known": "غير معروفة",
    "Import finished": "انتهى الاستيراد",
    "Copy": "نسخ",
    "GPS:": "الإحداثيات:",
    "Message:": "الرسالة:",
    "&Go": "&اذهب",
    "Show in &original": "اعرض في ال&أصل",
    "Attachment:": "مرفق:",
    "Fit": "ملاءمة",
    "Page:": "الصفحة:",
    "Select an item to preview it.": "اختر عنصرًا لمعاينته.",
    "No item selected.": "لم يُختر أي عنصر.",
    "&Verify now": "&تحقق الآن",
    "Cancel": "إلغاء",
    "The case": "القضية",
    "Examiner": "الفاحص",
    "Location": "الموقع",
    "Passphrase": "عبارة المرور",
    "New case": "قضية جديدة",
    "Case &name:": "&اسم القضية:",
    "Case n&umber:": "&رقم القضية:",
    "&Organisation:": "ال&منظمة:",
    "Open case": "فتح قضية",
    "Case &folder:": "&مجلد القضية:",
    "&Examiner:": "ال&فاحص:",
    "&Passphrase:": "&عبارة المرور:",
    "&Browse…": "&استعراض…",
    "Custody log": "سجل العهدة",
    "Verify bundle": "التحقق من حزمة",
}
CONTEXT_FIX = {"w": "MainWindow", "parent": "DetailPane"}


def main() -> int:
    tree = ET.parse(TS)
    root = tree.getroot()
    contexts = {c.findtext("name"): c for c in root.findall("context")}
    for wrong, right in CONTEXT_FIX.items():
        src = contexts.get(wrong)
        if src is None:
            continue
        dst = contexts.get(right)
        have = {m.findtext("source") for m in dst.findall("message")} if dst is not None else set()
        for m in src.findall("message"):
            src.remove(m)
            if dst is not None and m.findtext("source") not in have:
                dst.append(m)
                have.add(m.findtext("source"))
        root.remove(src)
    n = 0
    for m in root.iter("message"):
        text = m.findtext("source")
        t = m.find("translation")
        if text in AR and t is not None:
            t.text = AR[text]
            t.attrib.pop("type", None)
            n += 1
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(TS), "-qm", str(HERE / "workbench_ar.qm")], check=True)
    print(f"{n} messages translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
