<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ta_IN" sourcelanguage="en_IN">
<context>
    <name>DeskSettings</name>
    <message>
        <source>Server URL must look like https://portal.example.in.</source>
        <translation>சர்வர் முகவரி https://portal.example.in போல இருக்க வேண்டும்.</translation>
    </message>
    <message>
        <source>Enter the printer&apos;s network name or IP address.</source>
        <translation>அச்சுப்பொறியின் நெட்வொர்க் பெயர் அல்லது IP முகவரியை உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>USB vendor and product ids are 4 hex digits each, e.g. 04b8 and 0202.</source>
        <translation>USB vendor, product எண்கள் ஒவ்வொன்றும் 4 ஹெக்ஸ் இலக்கங்கள், எ.கா. 04b8, 0202.</translation>
    </message>
    <message>
        <source>Keep the receipt header to %1 lines of at most %2 characters.</source>
        <translation>ரசீது தலைப்பை %1 வரிகளுக்குள், ஒவ்வொரு வரியும் அதிகபட்சம் %2 எழுத்துகளாக வைக்கவும்.</translation>
    </message>
    <message>
        <source>Choose English or Tamil as the language.</source>
        <translation>மொழியாக English அல்லது தமிழைத் தேர்ந்தெடுக்கவும்.</translation>
    </message>
</context>
<context>
    <name>EscposReceipt</name>
    <message>
        <source>RECEIPT</source>
        <extracomment>Characters per line in font A.</extracomment>
        <translation>ரசீது</translation>
    </message>
    <message>
        <source>Balance is provisional until head office confirms this payment.</source>
        <translation>தலைமை அலுவலகம் இந்தக் கட்டணத்தை உறுதிசெய்யும் வரை நிலுவை தற்காலிகமானது.</translation>
    </message>
    <message>
        <source>Thank you.</source>
        <translation>நன்றி.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>அமைப்புகள்</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>சர்வர்</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>சர்வர் முகவரி</translation>
    </message>
    <message>
        <source>Show times in</source>
        <translation>நேரம் காட்டும் மண்டலம்</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>மொழி</translation>
    </message>
    <message>
        <source>Thermal printer</source>
        <translation>வெப்ப அச்சுப்பொறி</translation>
    </message>
    <message>
        <source>Printer host</source>
        <translation>அச்சுப்பொறி ஹோஸ்ட்</translation>
    </message>
    <message>
        <source>Printer port</source>
        <translation>அச்சுப்பொறி போர்ட்</translation>
    </message>
    <message>
        <source>USB vendor id</source>
        <translation>USB vendor எண்</translation>
    </message>
    <message>
        <source>USB product id</source>
        <translation>USB product எண்</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>காகித அகலம்</translation>
    </message>
    <message>
        <source>Tamil on the printer</source>
        <translation>அச்சில் தமிழ்</translation>
    </message>
    <message>
        <source>Receipt header</source>
        <translation>ரசீது தலைப்பு</translation>
    </message>
    <message>
        <source>New staff PIN</source>
        <translation>புதிய பணியாளர் PIN</translation>
    </message>
    <message>
        <source>Repeat PIN</source>
        <translation>PIN மீண்டும்</translation>
    </message>
    <message>
        <source>Branch time zone (%1, from the server)</source>
        <translation>கிளையின் நேர மண்டலம் (%1, சர்வரிலிருந்து)</translation>
    </message>
    <message>
        <source>This PC&apos;s time zone</source>
        <translation>இந்தக் கணினியின் நேர மண்டலம்</translation>
    </message>
    <message>
        <source>None (show and save only)</source>
        <translation>இல்லை (காட்டி, சேமிக்க மட்டும்)</translation>
    </message>
    <message>
        <source>Network printer (host:port)</source>
        <translation>நெட்வொர்க் அச்சுப்பொறி (host:port)</translation>
    </message>
    <message>
        <source>USB printer (vendor:product)</source>
        <translation>USB அச்சுப்பொறி (vendor:product)</translation>
    </message>
    <message>
        <source>As an image (any printer)</source>
        <translation>படமாக (எந்த அச்சுப்பொறியிலும்)</translation>
    </message>
    <message>
        <source>As text (printer has a Tamil font)</source>
        <translation>எழுத்தாக (அச்சுப்பொறியில் தமிழ் எழுத்துரு உள்ளது)</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>ரசீதுகள்</translation>
    </message>
    <message>
        <source>Terabyte Broadband
Coimbatore branch · GSTIN …</source>
        <translation>டெராபைட் பிராட்பேண்ட்
கோயம்புத்தூர் கிளை · GSTIN …</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>கியோஸ்க்</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>மாற்றமில்லை</translation>
    </message>
    <message>
        <source>set (4–12 digits)</source>
        <translation>அமைக்கவும் (4–12 இலக்கங்கள்)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>சேமி</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ரத்துசெய்</translation>
    </message>
    <message>
        <source>The two PINs differ; type the same PIN twice.</source>
        <translation>இரண்டு PIN-களும் வேறுபடுகின்றன; ஒரே PIN-ஐ இருமுறை உள்ளிடவும்.</translation>
    </message>
</context>
</TS>
