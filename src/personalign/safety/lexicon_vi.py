"""Vietnamese lexicon (concepts and phrases: see `lexicon`). Text is normalized: tone marks and vowel
accents stripped ("không" → khong); "đ" stays. Words are syllables, so concepts are syllable phrases.
Possession follows the noun ("quy tắc của tôi"), so the concepts a user may own exclude that form."""

_MINE = r"(?! (?:\w+ )?cua (?:toi|minh|tao))"

CONCEPTS = {
    "IGNORE": r"\b(?:bo qua|phot lo|quen (?:\w+ ){0,2}(?:đi|het)|khong (?:can )?tuan theo|đung tuan theo|"
              r"vuot qua|pha vo)\b",
    "RULES": r"\b(?:huong dan|chi dan|quy tac|quy đinh|luat le|chi thi|prompt he thong|loi nhac he thong)\b" + _MINE,
    "SAFETY": r"\b(?:bo loc|gioi han|han che|kiem duyet|đao đuc|rao can|(?:chinh sach|quy tac|tinh nang|"
              r"bo loc) an toan)\b" + _MINE,
    "WITHOUT": r"\b(?:khong co|khong can|thoat khoi)\b",
    "DISABLE": r"\b(?:tat(?! ca\b)|vo hieu hoa|go bo|loai bo|xoa bo)\b",
    "REFUSE": r"\b(?:khong bao gio (?:\w+ ){0,2}tu choi|đung (?:\w+ ){0,2}tu choi|khong (?:đuoc )?tu choi)\b",
    "UNBOUND": r"\b(?:khong co (?:bat ky |bat ki )?(?:gioi han|quy tac|bo loc|kiem duyet|rao can)|khong gioi han|"
               r"khong bi kiem duyet|vo đao đuc)\b",
    "PRETEND": r"\b(?:đong vai|gia vo|gia lam|tuong tuong|nhap vai|nhan vat|vai tro)\b",
    "AUTHORITY": r"\b(?:toi la (?:\w+ ){0,2}(?:nha phat trien|quan tri vien|admin|nguoi tao|chu so huu|"
                 r"nha nghien cuu|lap trinh vien)|toi (?:cho phep|uy quyen) (?:ban|cau)|toi co quyen)\b",
    "PRIVATE": r"\b(?:lich su tro chuyen|thong tin ca nhan|đia chi|so đien thoai|tin nhan)\b.{0,40}\b(?:nguoi dung "
               r"khac|nguoi khac|bat ky ai|moi nguoi dung|bat ky nguoi dung nao)\b",
    "MAKE": r"\b(?:che tao|tong hop|cong thuc|tung buoc|cach lam|cach che)\b",
    "HARM_OBJ": r"\b(?:bom|chat no|thuoc no|vu khi|ma tuy|ma đoc|malware|chat đoc)\b",
    "SHIELD": r"\b(?:lich su|ve|phong chong|bao ve|thao go)\b",
    "HARM": r"\b(?:khuyen khich|co vu|ung ho)\b.{0,40}\b(?:tu lam hai|tu hai|tu sat|nhin đoi|khong an|bo an)\b|"
            r"\b(?:tim|tra)\b.{0,40}\b(?:đia chi nha|noi o)\b|\btruyen cuoi phan biet chung toc\b",
}

PHRASES = [
    ("harm", r"\bgia (?:lam|danh|mao) (?:cong an|canh sat)\b.{0,60}\b(?:chuyen tien|doa|tai khoan)\b"),
    ("harm", r"\b(?:du lieu the|the tin dung|thong tin the)\b.{0,20}\bbi đanh cap\b|\b(?:gia danh|mao danh|"
             r"gia mao) ngan "
             r"hang\b.{0,60}\b(?:otp|mat khau|lua)\b"),
    ("harm", r"\bmua sung\b.{0,40}\b(?:khong (?:co )?giay phep|tren mang|chui|lau)"),
    ("harm", r"\btu che sung\b|\btu lam đan\b|\b(?:tre em|cac be|be gai|be trai)\b.{0,80}\b(?:hen gap rieng|gap "
             r"rieng)\b"),
]

# Function words that mark Vietnamese text (none of them English words).
MARKERS = "toi cua va la mot nhung cac hay luon khong đung voi nay rat moi cho"
