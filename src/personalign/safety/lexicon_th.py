"""Thai lexicon: phrases only (see `lexicon`), matched as substrings since Thai writes no spaces between words.
Its concepts are left empty on purpose, as in `lexicon_sw`: concepts are the learned layer's gate for views not
in English, so a language joins the concepts only with a retraining."""

SCRIPT = r"[\u0e00-\u0e7f]"

CONCEPTS: dict[str, str] = {}

PHRASES = [
    ("safety_disable", r"(?:ปิด|ยกเลิก|ลบ)(?:ระบบ)?(?:ตัวกรอง|ฟิลเตอร์|การกรอง|ข้อจำกัด|มาตรการความปลอดภัย)|"
                       r"(?:ห้าม|อย่า)ปฏิเสธ(?:คำขอ|คำถาม)?(?:ใด ?ๆ|อะไร|ทุก)"),
    ("instruction_override", r"(?:เพิกเฉย|ไม่ต้องสนใจ|ลืม)(?:ต่อ)?(?:คำสั่ง|คำแนะนำ|กฎ)(?:ทั้งหมด)?(?:ก่อนหน้า|เดิม|ของระบบ)"),
    # an overdose or suicide method asked for; bombs and poison made
    ("harm", r"(?:กินยา|ใช้ยา)?เกินขนาด.{0,20}(?:ไม่ต้องตื่น|ไม่ตื่น|ตาย)|วิธี(?:การ)?ฆ่าตัวตาย|"
             r"วิธี(?:การ)?(?:ทำ|ประกอบ|สร้าง)(?:ระเบิด|ยาพิษ|ปืน)"),
    # a drug put into someone's drink without their knowing
    ("harm", r"ใส่(?:ใน|ลงใน)(?:เครื่องดื่ม|น้ำ|อาหาร|เหล้า|กาแฟ).{0,20}(?:ไม่รู้ตัว|ไม่ให้รู้|ไม่ให้.{0,6}รู้)"),
]
