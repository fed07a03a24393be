<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ta_IN" sourcelanguage="en_IN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About %1</source>
        <translation>%1 பற்றி</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>பதிப்பு</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>சர்வர்</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>தரவுக் கோப்புறை</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>பதிவுக் கோப்புறை</translation>
    </message>
    <message>
        <source>Built with</source>
        <translation>உருவாக்கப் பயன்பட்டவை</translation>
    </message>
    <message>
        <source>Frozen build</source>
        <translation>தொகுக்கப்பட்ட நிறுவல்</translation>
    </message>
    <message>
        <source>Not set (demo or not signed in yet)</source>
        <translation>அமைக்கப்படவில்லை (டெமோ அல்லது இன்னும் உள்நுழையவில்லை)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ஆம்</translation>
    </message>
    <message>
        <source>no</source>
        <translation>இல்லை</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>மூடு</translation>
    </message>
</context>
<context>
    <name>AccountDetailDialog</name>
    <message>
        <source>Close</source>
        <extracomment>The header row arrived (or was refreshed).</extracomment>
        <translation>மூடு</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>கணக்கு %1</translation>
    </message>
    <message>
        <source>Account %1 is not in the local copy</source>
        <translation>கணக்கு %1 இந்தக் கணினியின் நகலில் இல்லை</translation>
    </message>
    <message>
        <source>Account %1 — %2</source>
        <translation>கணக்கு %1 — %2</translation>
    </message>
    <message>
        <source>%1 due</source>
        <translation>%1 நிலுவை</translation>
    </message>
    <message>
        <source>%1 credit</source>
        <translation>%1 முன்பணம்</translation>
    </message>
    <message>
        <source>nothing due</source>
        <translation>நிலுவை இல்லை</translation>
    </message>
    <message>
        <source>(pending sync)</source>
        <translation>(ஒத்திசைவு நிலுவையில்)</translation>
    </message>
    <message>
        <source>What you typed in %1 is not saved. Close without saving it?</source>
        <translation>%1 இல் நீங்கள் தட்டச்சு செய்தது சேமிக்கப்படவில்லை. சேமிக்காமல் மூடவா?</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>சேமிக்காமல் மூடு</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>தொடர்ந்து திருத்து</translation>
    </message>
</context>
<context>
    <name>AccountStatus</name>
    <message>
        <source>Active</source>
        <translation>செயலில்</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>இடைநிறுத்தப்பட்டது</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>செயலற்றது</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>முடிக்கப்பட்டது</translation>
    </message>
    <message>
        <source>Prepaid</source>
        <translation>ப்ரீபெய்டு</translation>
    </message>
    <message>
        <source>Postpaid</source>
        <translation>போஸ்ட்பெய்டு</translation>
    </message>
</context>
<context>
    <name>AccountsTable</name>
    <message>
        <source>Account ID</source>
        <translation>கணக்கு எண்</translation>
    </message>
    <message>
        <source>Account Name</source>
        <translation>கணக்குப் பெயர்</translation>
    </message>
    <message>
        <source>Branch Name</source>
        <translation>கிளை</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>மொபைல்</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>நிலுவை</translation>
    </message>
    <message>
        <source>Last Seen</source>
        <translation>கடைசியாக இணைப்பில்</translation>
    </message>
    <message>
        <source>Plan Type</source>
        <translation>திட்ட வகை</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>நிலை</translation>
    </message>
</context>
<context>
    <name>AccountsTableModel</name>
    <message>
        <source>Loading…</source>
        <extracomment>The inputs changed (expect()) and their query has not started yet.</extracomment>
        <translation>ஏற்றுகிறது…</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>இதுவரை இல்லை</translation>
    </message>
    <message>
        <source>Open the account&apos;s details</source>
        <translation>கணக்கின் விவரங்களைத் திற</translation>
    </message>
    <message>
        <source>What the customer owes; negative is advance credit</source>
        <translation>வாடிக்கையாளர் செலுத்த வேண்டியது; கழித்தல் குறி என்றால் முன்பணம்</translation>
    </message>
    <message>
        <source>Open the details of account %1 (Enter or double-click)</source>
        <translation>கணக்கு %1 இன் விவரங்களைத் திற (Enter அல்லது இருமுறை சொடுக்கு)</translation>
    </message>
    <message>
        <source>Never seen online</source>
        <translation>இதுவரை இணைப்பில் வரவில்லை</translation>
    </message>
    <message>
        <source>Dues outstanding: %1</source>
        <translation>செலுத்த வேண்டியது: %1</translation>
    </message>
    <message>
        <source>Advance credit: %1</source>
        <translation>முன்பணம்: %1</translation>
    </message>
    <message>
        <source>Nothing owed</source>
        <translation>நிலுவை இல்லை</translation>
    </message>
    <message numerus="yes">
        <source>Pending sync: %n payment(s) not yet confirmed by the server.</source>
        <translation>
            <numerusform>ஒத்திசைவு நிலுவையில்: %n கட்டணம் சர்வரால் இன்னும் உறுதிசெய்யப்படவில்லை.</numerusform>
            <numerusform>ஒத்திசைவு நிலுவையில்: %n கட்டணங்கள் சர்வரால் இன்னும் உறுதிசெய்யப்படவில்லை.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last synced balance: %1</source>
        <translation>கடைசியாக ஒத்திசைந்த நிலுவை: %1</translation>
    </message>
</context>
<context>
    <name>ActionStrip</name>
    <message>
        <source>Select an account to see what can be paid.</source>
        <extracomment>Object names of the option buttons (DESIGN.md&apos;s testability contract).</extracomment>
        <translation>செலுத்தக்கூடியதைக் காண ஒரு கணக்கைத் தேர்ந்தெடுக்கவும்.</translation>
    </message>
</context>
<context>
    <name>AppliedKind</name>
    <message>
        <source>payment</source>
        <translation>கட்டணம்</translation>
    </message>
    <message>
        <source>advance</source>
        <translation>முன்பணம்</translation>
    </message>
    <message>
        <source>payment, the rest as advance</source>
        <translation>கட்டணம், மீதி முன்பணமாக</translation>
    </message>
    <message>
        <source>recharge</source>
        <translation>ரீசார்ஜ்</translation>
    </message>
</context>
<context>
    <name>BillingMessage</name>
    <message>
        <source>Enter an amount.</source>
        <translation>தொகையை உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>Amount is %1 characters long; type the amount itself, like 1250.50.</source>
        <translation>தொகை %1 எழுத்துகள் நீளமாக உள்ளது; தொகையை மட்டும் தட்டச்சு செய்யவும், எ.கா. 1250.50.</translation>
    </message>
    <message>
        <source>Amount cannot be negative.</source>
        <translation>தொகை கழித்தல் எண்ணாக இருக்கக்கூடாது.</translation>
    </message>
    <message>
        <source>Enter an amount after the currency sign.</source>
        <translation>நாணயக் குறிக்குப் பின் தொகையை உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>Amount must be a number like 1250.50, not NaN or infinity.</source>
        <translation>தொகை 1250.50 போன்ற எண்ணாக இருக்க வேண்டும்; NaN அல்லது முடிவிலி அல்ல.</translation>
    </message>
    <message>
        <source>Amount must use the digits 0 to 9.</source>
        <translation>தொகையில் 0 முதல் 9 வரையிலான இலக்கங்களையே பயன்படுத்தவும்.</translation>
    </message>
    <message>
        <source>Amount must be plain digits like 1250.50, not an exponent.</source>
        <translation>தொகை 1250.50 போன்ற வெறும் இலக்கங்களாக இருக்க வேண்டும்; அடுக்குக்குறி அல்ல.</translation>
    </message>
    <message>
        <source>Amount has more than one decimal point; use one, like 1250.50.</source>
        <translation>தொகையில் ஒன்றுக்கு மேற்பட்ட தசமப் புள்ளி உள்ளது; ஒன்றை மட்டும் பயன்படுத்தவும், எ.கா. 1250.50.</translation>
    </message>
    <message>
        <source>Amount must be a number like 1250.50, without letters.</source>
        <translation>தொகை 1250.50 போன்ற எண்ணாக, எழுத்துகள் இல்லாமல் இருக்க வேண்டும்.</translation>
    </message>
    <message>
        <source>Amount may use only digits, commas and one decimal point: 1,250.50.</source>
        <translation>தொகையில் இலக்கங்கள், காற்புள்ளிகள், ஒரு தசமப் புள்ளி மட்டுமே: 1,250.50.</translation>
    </message>
    <message>
        <source>Amount must be a number like 1250.50, using only digits.</source>
        <translation>தொகை 1250.50 போன்ற எண்ணாக, இலக்கங்களால் மட்டும் இருக்க வேண்டும்.</translation>
    </message>
    <message>
        <source>Amount has a misplaced comma; write it like 1,23,456.78 or 123456.78.</source>
        <translation>தொகையில் காற்புள்ளி தவறான இடத்தில் உள்ளது; 1,23,456.78 அல்லது 123456.78 என எழுதவும்.</translation>
    </message>
    <message>
        <source>Amount has %1 decimals; use at most two.</source>
        <translation>தொகையில் புள்ளிக்குப் பின் %2 இலக்கங்கள் உள்ளன; அதிகபட்சம் இரண்டு.</translation>
    </message>
    <message>
        <source>Amount has %1 digits before the point; use at most %2.</source>
        <translation>தொகையில் புள்ளிக்கு முன் %1 இலக்கங்கள் உள்ளன; அதிகபட்சம் %2.</translation>
    </message>
    <message>
        <source>Amount must be more than zero.</source>
        <translation>தொகை பூஜ்ஜியத்தை விட அதிகமாக இருக்க வேண்டும்.</translation>
    </message>
    <message>
        <source>Amount %1 is over the limit of %2.</source>
        <translation>தொகை %1, வரம்பு %2 ஐ விட அதிகம்.</translation>
    </message>
    <message>
        <source>Amount must be a number, not NaN or infinity.</source>
        <translation>தொகை எண்ணாக இருக்க வேண்டும்; NaN அல்லது முடிவிலி அல்ல.</translation>
    </message>
    <message>
        <source>Amount %1 has more than two decimals; use at most two.</source>
        <translation>தொகை %1 இல் புள்ளிக்குப் பின் இரண்டுக்கு மேற்பட்ட இலக்கங்கள் உள்ளன; அதிகபட்சம் இரண்டு.</translation>
    </message>
    <message>
        <source>Nothing is due on this account (balance %1); take an Advance instead.</source>
        <translation>இந்தக் கணக்கில் நிலுவை இல்லை (நிலுவை %1); பதிலாக முன்பணம் பெறவும்.</translation>
    </message>
    <message>
        <source>Recharge is only for prepaid accounts; take a Payment or an Advance instead.</source>
        <translation>ரீசார்ஜ் ப்ரீபெய்டு கணக்குகளுக்கு மட்டும்; பதிலாகக் கட்டணம் அல்லது முன்பணம் பெறவும்.</translation>
    </message>
    <message>
        <source>This account owes %1; take a Payment to clear the dues first.</source>
        <translation>இந்தக் கணக்கில் %1 நிலுவை உள்ளது; முதலில் கட்டணம் பெற்று நிலுவையைத் தீர்க்கவும்.</translation>
    </message>
    <message>
        <source>Choose a plan to recharge.</source>
        <translation>ரீசார்ஜ் செய்ய ஒரு திட்டத்தைத் தேர்ந்தெடுக்கவும்.</translation>
    </message>
    <message>
        <source>Recharge amount must be %1: plan price %2 less advance credit %3.</source>
        <translation>ரீசார்ஜ் தொகை %1 ஆக இருக்க வேண்டும்: திட்ட விலை %2, முன்பணம் %3 கழித்து.</translation>
    </message>
    <message>
        <source>Enter %1 for this %2 payment.</source>
        <translation>இந்தக் கட்டணத்துக்குக் குறிப்பு எண்ணை உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>Reference is %1 characters long; use at most %2.</source>
        <translation>குறிப்பு எண் %1 எழுத்துகள் நீளம்; அதிகபட்சம் %2.</translation>
    </message>
    <message>
        <source>Reference has a line break or control character; type it on one line.</source>
        <translation>குறிப்பு எண்ணில் வரி முறிவு அல்லது கட்டுப்பாட்டு எழுத்து உள்ளது; ஒரே வரியில் தட்டச்சு செய்யவும்.</translation>
    </message>
    <message>
        <source>Cash tendered %1 is less than the amount %2; take at least %2.</source>
        <translation>கொடுத்த ரொக்கம் %1, தொகை %2 ஐ விடக் குறைவு; குறைந்தது %2 பெறவும்.</translation>
    </message>
    <message>
        <source>%1 %2 has letters; a %1 is %3 digits only. Copy it from the customer&apos;s payment app (UPI Ref. No. / UTR).</source>
        <translation>%1 %2 இல் எழுத்துகள் உள்ளன; %1 என்பது %3 இலக்கங்கள் மட்டுமே. வாடிக்கையாளரின் கட்டணச் செயலியிலிருந்து (UPI Ref. No. / UTR) எடுத்து எழுதவும்.</translation>
    </message>
    <message>
        <source>%1 %2 may use only the digits 0 to 9; a %1 is %3 of them.</source>
        <translation>%1 %2 இல் 0 முதல் 9 வரையிலான இலக்கங்கள் மட்டுமே இருக்கலாம்; %1 என்பது %3 இலக்கங்கள்.</translation>
    </message>
    <message>
        <source>%1 %2 has %4 digits; a %1 has exactly %3. Check the number in the customer&apos;s payment app (UPI Ref. No. / UTR).</source>
        <translation>%1 %2 இல் %4 இலக்கங்கள் உள்ளன; %1 இல் சரியாக %3 இருக்கும். வாடிக்கையாளரின் கட்டணச் செயலியில் (UPI Ref. No. / UTR) எண்ணைச் சரிபார்க்கவும்.</translation>
    </message>
    <message>
        <source>Bank transfer UTR %1 has %2 digits; an IMPS reference has exactly 12. A NEFT or RTGS UTR has 16 to 22 characters starting with the bank&apos;s code.</source>
        <translation>வங்கிப் பரிமாற்ற UTR %1 இல் %2 இலக்கங்கள் உள்ளன; IMPS குறிப்பு எண்ணில் சரியாக 12. NEFT அல்லது RTGS UTR வங்கியின் குறியீட்டில் தொடங்கும் 16 முதல் 22 எழுத்துகள்.</translation>
    </message>
    <message>
        <source>Bank transfer UTR %1 is not a UTR: use the 12-digit IMPS reference, or the NEFT / RTGS UTR of 16 to 22 letters and digits starting with the bank&apos;s 4-letter code (like SBINN52026120112345).</source>
        <translation>வங்கிப் பரிமாற்ற UTR %1 சரியான UTR அல்ல: 12 இலக்க IMPS குறிப்பு எண், அல்லது வங்கியின் 4 எழுத்துக் குறியீட்டில் தொடங்கும் 16 முதல் 22 எழுத்து/இலக்க NEFT / RTGS UTR ஐப் பயன்படுத்தவும் (எ.கா. SBINN52026120112345).</translation>
    </message>
    <message>
        <source>Enter the card&apos;s last 4 digits and the approval code from the slip.</source>
        <translation>கார்டின் கடைசி 4 இலக்கங்களையும் சீட்டிலுள்ள ஒப்புதல் குறியீட்டையும் உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>Card last digits %1: enter exactly the last 4 digits of the card, as printed on the slip (never the whole number).</source>
        <translation>கார்டின் கடைசி இலக்கங்கள் %1: சீட்டில் அச்சிட்டபடி கார்டின் கடைசி 4 இலக்கங்களை மட்டும் உள்ளிடவும் (முழு எண்ணை ஒருபோதும் அல்ல).</translation>
    </message>
    <message>
        <source>Approval code %1: enter the 6 letters or digits printed as APPR / AUTH CODE on the card slip.</source>
        <translation>ஒப்புதல் குறியீடு %1: கார்டு சீட்டில் APPR / AUTH CODE என அச்சிடப்பட்ட 6 எழுத்துகள் அல்லது இலக்கங்களை உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>A card reference is the card&apos;s last 4 digits and the 6-character approval code from the slip, like: xx1234 auth A1B2C3.</source>
        <translation>கார்டு குறிப்பு எண் = கார்டின் கடைசி 4 இலக்கங்கள் + சீட்டிலுள்ள 6 எழுத்து ஒப்புதல் குறியீடு, எ.கா.: xx1234 auth A1B2C3.</translation>
    </message>
    <message>
        <source>Cheque number %1: enter the 6 digits printed at the bottom left of the cheque, like 004512.</source>
        <translation>காசோலை எண் %1: காசோலையின் கீழ் இடப்பக்கம் அச்சிடப்பட்ட 6 இலக்கங்களை உள்ளிடவும், எ.கா. 004512.</translation>
    </message>
    <message>
        <source>Enter the bank the cheque is drawn on (2 to 60 letters), like State Bank of India.</source>
        <translation>காசோலை எந்த வங்கியினுடையது என உள்ளிடவும் (2 முதல் 60 எழுத்துகள்), எ.கா. State Bank of India.</translation>
    </message>
    <message>
        <source>The cheque is dated %1, after today: it is post-dated. Take it on or after its date.</source>
        <translation>காசோலையின் தேதி %1, இன்றைக்குப் பிறகு: இது பின்தேதியிட்ட காசோலை. அந்தத் தேதியிலோ அதற்குப் பிறகோ பெறவும்.</translation>
    </message>
    <message>
        <source>The cheque is dated %1, more than three months ago: it is stale and the bank will not pay it. Ask for a fresh cheque.</source>
        <translation>காசோலையின் தேதி %1, மூன்று மாதங்களுக்கு முன்பு: காலாவதியானது, வங்கி பணம் தராது. புதிய காசோலை கேட்கவும்.</translation>
    </message>
    <message>
        <source>A cheque reference is: number / bank / date, like 004512 / State Bank of India / 2026-12-01.</source>
        <translation>காசோலை குறிப்பு எண்: எண் / வங்கி / தேதி, எ.கா. 004512 / State Bank of India / 2026-12-01.</translation>
    </message>
    <message>
        <source>Cheque date %1 is not a date like 2026-12-01.</source>
        <translation>காசோலை தேதி %1, 2026-12-01 போன்ற தேதி அல்ல.</translation>
    </message>
    <message>
        <source>Enter the GSTIN: 15 characters, like 33AACCM9093R1ZP.</source>
        <translation>GSTIN ஐ உள்ளிடவும்: 15 எழுத்துகள், எ.கா. 33AACCM9093R1ZP.</translation>
    </message>
    <message>
        <source>GSTIN has %1 characters; a GSTIN has exactly 15, like 33AACCM9093R1ZP.</source>
        <translation>GSTIN இல் %1 எழுத்துகள் உள்ளன; GSTIN இல் சரியாக 15 இருக்கும், எ.கா. 33AACCM9093R1ZP.</translation>
    </message>
    <message>
        <source>GSTIN %1 is not in the GSTIN pattern: 2 digits (state), the PAN (5 letters, 4 digits, 1 letter), 1 entity character, Z, 1 check character.</source>
        <translation>GSTIN %1 GSTIN வடிவத்தில் இல்லை: 2 இலக்கங்கள் (மாநிலம்), PAN (5 எழுத்துகள், 4 இலக்கங்கள், 1 எழுத்து), 1 நிறுவன எழுத்து, Z, 1 சரிபார்ப்பு எழுத்து.</translation>
    </message>
    <message>
        <source>A GSTIN&apos;s first 14 characters are digits and capital letters.</source>
        <translation>GSTIN இன் முதல் 14 எழுத்துகள் இலக்கங்களும் ஆங்கிலப் பெரிய எழுத்துகளும் மட்டுமே.</translation>
    </message>
    <message>
        <source>GSTIN %1 has a wrong check character: the last character should be %2 for these first 14. Check the GSTIN on the customer&apos;s registration certificate; one character is probably mistyped.</source>
        <translation>GSTIN %1 இன் சரிபார்ப்பு எழுத்து தவறு: இந்த முதல் 14 எழுத்துகளுக்குக் கடைசி எழுத்து %2 ஆக இருக்க வேண்டும். வாடிக்கையாளரின் பதிவுச் சான்றிதழில் GSTIN ஐச் சரிபார்க்கவும்; ஓர் எழுத்து தவறாகத் தட்டச்சு செய்யப்பட்டிருக்கலாம்.</translation>
    </message>
    <message>
        <source>GSTIN %1 is registered in %2 (%3), but the state given is %4 (%5). Use the GSTIN registered in that state, or correct the state.</source>
        <translation>GSTIN %1 %2 (%3) இல் பதிவு செய்யப்பட்டது, ஆனால் கொடுத்த மாநிலம் %4 (%5). அந்த மாநிலத்தில் பதிவு செய்த GSTIN ஐப் பயன்படுத்தவும், அல்லது மாநிலத்தைத் திருத்தவும்.</translation>
    </message>
    <message>
        <source>State code %1 is not a GST state code; use two digits from 01 to 38, 97 or 99 (Tamil Nadu is 33).</source>
        <translation>மாநிலக் குறியீடு %1 ஜிஎஸ்டி மாநிலக் குறியீடு அல்ல; 01 முதல் 38 வரை, 97 அல்லது 99 என இரண்டு இலக்கங்களைப் பயன்படுத்தவும் (தமிழ்நாடு 33).</translation>
    </message>
    <message>
        <source>State code 25 (Daman and Diu) was merged into 26 in 2020; use 26.</source>
        <translation>மாநிலக் குறியீடு 25 (டாமன் மற்றும் டையூ) 2020 இல் 26 உடன் இணைக்கப்பட்டது; 26 ஐப் பயன்படுத்தவும்.</translation>
    </message>
    <message>
        <source>State code 28 (Andhra Pradesh, before 2014) is no longer issued; use 37.</source>
        <translation>மாநிலக் குறியீடு 28 (ஆந்திரப் பிரதேசம், 2014க்கு முன்) இப்போது வழங்கப்படுவதில்லை; 37 ஐப் பயன்படுத்தவும்.</translation>
    </message>
    <message>
        <source>A staff PIN is digits only.</source>
        <translation>பணியாளர் PIN இலக்கங்கள் மட்டுமே.</translation>
    </message>
    <message>
        <source>Use %1 to %2 digits for the staff PIN.</source>
        <translation>பணியாளர் PIN க்கு %1 முதல் %2 இலக்கங்களைப் பயன்படுத்தவும்.</translation>
    </message>
    <message>
        <source>plan expired %1</source>
        <translation>திட்டம் %1 அன்று காலாவதியானது</translation>
    </message>
    <message>
        <source>plan expires today</source>
        <translation>திட்டம் இன்று காலாவதியாகிறது</translation>
    </message>
    <message>
        <source>invoice of %1 unpaid after grace</source>
        <translation>%1 தேதியிட்ட விலைப்பட்டியல் சலுகைக் காலத்துக்குப் பின்னும் செலுத்தப்படவில்லை</translation>
    </message>
    <message>
        <source>invoice of %1: last day to pay</source>
        <translation>%1 தேதியிட்ட விலைப்பட்டியல்: செலுத்தக் கடைசி நாள்</translation>
    </message>
    <message>
        <source>invoice of %1: %2 days left to pay</source>
        <translation>%1 தேதியிட்ட விலைப்பட்டியல்: செலுத்த %2 நாட்கள் உள்ளன</translation>
    </message>
    <message>
        <source>GST cannot be computed on a negative amount (%1 paise): the tax would be negative. Record a reversal with a credit note instead.</source>
        <translation>எதிர்மறைத் தொகைக்கு (%1 பைசா) ஜிஎஸ்டி கணக்கிட முடியாது: வரி எதிர்மறையாகிவிடும். அதற்குப் பதிலாக கிரெடிட் நோட்டுடன் திரும்பப் பெறுதலைப் பதிவு செய்யவும்.</translation>
    </message>
    <message>
        <source>GST rate %1 is not usable; use a rate from 0% to 100% with at most two decimals that halves exactly (CGST and SGST are half each), like 18.</source>
        <translation>ஜிஎஸ்டி விகிதம் %1 பயன்படுத்த முடியாதது; 0% முதல் 100% வரை, அதிகபட்சம் இரண்டு தசம இலக்கங்களுடன், சரியாகப் பாதியாகப் பிரியும் விகிதத்தைப் பயன்படுத்தவும் (CGST, SGST ஒவ்வொன்றும் பாதி), எ.கா. 18.</translation>
    </message>
    <message>
        <source>GST rate %1 is not a percentage; type it like 18 or 12.5.</source>
        <translation>ஜிஎஸ்டி விகிதம் %1 ஒரு சதவீதம் அல்ல; 18 அல்லது 12.5 போலத் தட்டச்சு செய்யவும்.</translation>
    </message>
    <message>
        <source>GST rate (empty) is not a percentage; type it like 18 or 12.5.</source>
        <translation>ஜிஎஸ்டி விகிதத்தை உள்ளிடவும்; 18 அல்லது 12.5 போலத் தட்டச்சு செய்யவும்.</translation>
    </message>
    <message>
        <source>A credit note is itself a reversal; it is not reversed.</source>
        <translation>கிரெடிட் நோட் தானே ஒரு திரும்பப் பெறுதல்; அதைத் திரும்பப் பெற முடியாது.</translation>
    </message>
    <message>
        <source>A refund voucher is itself a reversal; it is not reversed.</source>
        <translation>பணத் திருப்ப வவுச்சர் தானே ஒரு திரும்பப் பெறுதல்; அதைத் திரும்பப் பெற முடியாது.</translation>
    </message>
    <message>
        <source>A tax invoice carries the number the server gave the invoice.</source>
        <translation>வரி விலைப்பட்டியலில் சர்வர் அந்த விலைப்பட்டியலுக்குக் கொடுத்த எண்ணே இருக்கும்.</translation>
    </message>
    <message>
        <source>Device code %1 is not letters and digits.</source>
        <translation>சாதனக் குறியீடு %1 எழுத்துகளும் இலக்கங்களும் மட்டும் அல்ல.</translation>
    </message>
    <message>
        <source>A document counter starts at 1.</source>
        <translation>ஆவண எண்ணிக்கை 1 இலிருந்து தொடங்கும்.</translation>
    </message>
    <message>
        <source>Device code %1 is too long for 16-character document numbers; use a device code of at most 9 characters.</source>
        <translation>16 எழுத்து ஆவண எண்களுக்குச் சாதனக் குறியீடு %1 மிக நீளம்; அதிகபட்சம் 9 எழுத்துகள் கொண்ட சாதனக் குறியீட்டைப் பயன்படுத்தவும்.</translation>
    </message>
    <message>
        <source>The receipt voucher series %1 is full for this financial year.</source>
        <translation>ரசீது வவுச்சர் வரிசை %1 இந்த நிதியாண்டுக்கு நிரம்பிவிட்டது.</translation>
    </message>
    <message>
        <source>The credit note series %1 is full for this financial year.</source>
        <translation>கிரெடிட் நோட் வரிசை %1 இந்த நிதியாண்டுக்கு நிரம்பிவிட்டது.</translation>
    </message>
    <message>
        <source>The refund voucher series %1 is full for this financial year.</source>
        <translation>பணத் திருப்ப வவுச்சர் வரிசை %1 இந்த நிதியாண்டுக்கு நிரம்பிவிட்டது.</translation>
    </message>
    <message>
        <source>Set the operator&apos;s legal name under Settings → GST.</source>
        <translation>நிறுவனத்தின் சட்டப்பூர்வப் பெயரை அமைப்புகள் → ஜிஎஸ்டி இல் அமைக்கவும்.</translation>
    </message>
    <message>
        <source>Set the operator&apos;s address under Settings → GST.</source>
        <translation>நிறுவனத்தின் முகவரியை அமைப்புகள் → ஜிஎஸ்டி இல் அமைக்கவும்.</translation>
    </message>
    <message>
        <source>SAC %1 is not a 6-digit services code like 998422.</source>
        <translation>SAC %1 என்பது 998422 போன்ற 6 இலக்க சேவைக் குறியீடு அல்ல.</translation>
    </message>
    <message>
        <source>Set the operator&apos;s GSTIN under Settings → GST.</source>
        <translation>நிறுவனத்தின் GSTIN ஐ அமைப்புகள் → ஜிஎஸ்டி இல் அமைக்கவும்.</translation>
    </message>
    <message>
        <source>A credit note names the document it reverses, its date, and the reason.</source>
        <translation>கிரெடிட் நோட்டில் அது திரும்பப் பெறும் ஆவணம், அதன் தேதி, காரணம் ஆகியவை இருக்க வேண்டும்.</translation>
    </message>
    <message>
        <source>A refund voucher names the document it reverses, its date, and the reason.</source>
        <translation>பணத் திருப்ப வவுச்சரில் அது திரும்பப் பெறும் ஆவணம், அதன் தேதி, காரணம் ஆகியவை இருக்க வேண்டும்.</translation>
    </message>
    <message>
        <source>Document number %1 is longer than 16 characters.</source>
        <translation>ஆவண எண் %1 16 எழுத்துகளுக்கு மேல் நீளமானது.</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>உங்கள் பயனர் பெயரையும் கடவுச்சொல்லையும் உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>The server address must look like https://portal.example.in (or http://), with a port from 1 to 65535 if it has one.</source>
        <translation>சர்வர் முகவரி https://portal.example.in (அல்லது http://) போல இருக்க வேண்டும்; போர்ட் இருந்தால் அது 1 முதல் 65535 வரை இருக்க வேண்டும்.</translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>பயனர் பெயர் அல்லது கடவுச்சொல் தவறு.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins; try again in %1 minute(s).</source>
        <translation>பலமுறை உள்நுழைவு தோல்வியடைந்தது; %1 நிமிடத்தில் மீண்டும் முயற்சிக்கவும்.</translation>
    </message>
    <message>
        <source>The server cannot be reached and the password does not match the one last used on this PC.</source>
        <translation>சர்வரை அணுக முடியவில்லை; இந்தக் கணினியில் கடைசியாகப் பயன்படுத்திய கடவுச்சொல்லுடன் இது பொருந்தவில்லை.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Sign in once while connected; after that you can sign in on this PC without a connection.</source>
        <translation>சர்வரை அணுக முடியவில்லை. இணைப்பில் இருக்கும்போது ஒருமுறை உள்நுழையவும்; அதன் பிறகு இந்தக் கணினியில் இணைப்பு இல்லாமலும் உள்நுழையலாம்.</translation>
    </message>
    <message>
        <source>A Payment of dues is covered by the tax invoice of the bill it pays; receipt vouchers are for Advance and Recharge.</source>
        <translation>நிலுவைக்கான கட்டணம் அது செலுத்தும் பில்லின் வரி விலைப்பட்டியலில் அடங்கும்; ரசீது வவுச்சர்கள் முன்பணத்துக்கும் ரீசார்ஜுக்கும் மட்டுமே.</translation>
    </message>
    <message>
        <source>The local copy of the accounts was damaged and has been thrown away; it is being rebuilt from the server. Unsent payments and edits are kept.</source>
        <translation>இந்தக் கணினியில் உள்ள கணக்குகளின் நகல் சேதமடைந்ததால் நீக்கப்பட்டது; சர்வரிலிருந்து மீண்டும் உருவாக்கப்படுகிறது. அனுப்பப்படாத கட்டணங்களும் திருத்தங்களும் பாதுகாப்பாக உள்ளன.</translation>
    </message>
    <message>
        <source>The local copy of the accounts was made by a newer version of Partner Desk and has been thrown away; it is being rebuilt from the server. Unsent payments and edits are kept.</source>
        <translation>இந்தக் கணினியில் உள்ள கணக்குகளின் நகல் Partner Desk இன் புதிய பதிப்பால் உருவாக்கப்பட்டதால் நீக்கப்பட்டது; சர்வரிலிருந்து மீண்டும் உருவாக்கப்படுகிறது. அனுப்பப்படாத கட்டணங்களும் திருத்தங்களும் பாதுகாப்பாக உள்ளன.</translation>
    </message>
    <message>
        <source>The local copy of the accounts was missing or empty; it is being rebuilt from the server. Unsent payments and edits are kept.</source>
        <translation>இந்தக் கணினியில் கணக்குகளின் நகல் இல்லை அல்லது காலியாக உள்ளது; சர்வரிலிருந்து மீண்டும் உருவாக்கப்படுகிறது. அனுப்பப்படாத கட்டணங்களும் திருத்தங்களும் பாதுகாப்பாக உள்ளன.</translation>
    </message>
    <message>
        <source>Connected to %1: it is the same server this PC&apos;s copy of the accounts came from, so the copy was kept.</source>
        <translation>%1 உடன் இணைக்கப்பட்டது: இந்தக் கணினியின் கணக்குகள் நகல் வந்த அதே சர்வர் இது, எனவே நகல் வைத்துக்கொள்ளப்பட்டது.</translation>
    </message>
    <message>
        <source>%1 is a different server from the one this PC&apos;s copy of the accounts came from, so the copy is being rebuilt from it now. Payments and changes waiting to be sent are kept and sent to it.</source>
        <translation>இந்தக் கணினியின் கணக்குகள் நகல் வந்த சர்வரிலிருந்து %1 வேறுபட்டது, எனவே நகல் இப்போது அதிலிருந்து மீண்டும் உருவாக்கப்படுகிறது. அனுப்பக் காத்திருக்கும் கட்டணங்களும் மாற்றங்களும் வைக்கப்பட்டு அதற்கு அனுப்பப்படும்.</translation>
    </message>
    <message>
        <source>%1 is a different server from %2, where this PC&apos;s copy of the accounts came from; the copy is rebuilt from it. Payments waiting to be sent are kept.</source>
        <translation>இந்தக் கணினியின் கணக்குகள் நகல் வந்த %2 இலிருந்து %1 வேறுபட்ட சர்வர்; நகல் அதிலிருந்து மீண்டும் உருவாக்கப்படுகிறது. அனுப்பக் காத்திருக்கும் கட்டணங்கள் வைக்கப்படுகின்றன.</translation>
    </message>
    <message>
        <source>Signed in offline; changes are kept on this PC and sent when the server can be reached.</source>
        <translation>இணைப்பில்லாமல் உள்நுழைந்தீர்கள்; மாற்றங்கள் இந்தக் கணினியில் வைக்கப்பட்டு, சர்வரை அணுக முடிந்ததும் அனுப்பப்படும்.</translation>
    </message>
    <message>
        <source>Sign in again once connected to sync.</source>
        <translation>ஒத்திசைக்க, இணைப்பு கிடைத்ததும் மீண்டும் உள்நுழையவும்.</translation>
    </message>
    <message>
        <source>This PC has no system keyring, so your sign-in is kept only until the app closes; you will need to sign in again next time.</source>
        <translation>இந்தக் கணினியில் கணினி கீரிங் இல்லை, எனவே உங்கள் உள்நுழைவு செயலி மூடப்படும் வரை மட்டுமே இருக்கும்; அடுத்த முறை மீண்டும் உள்நுழைய வேண்டும்.</translation>
    </message>
    <message>
        <source>Your sign-in could not be saved in the system keyring; you will need to sign in again next time.</source>
        <translation>உங்கள் உள்நுழைவைக் கணினி கீரிங்கில் சேமிக்க முடியவில்லை; அடுத்த முறை மீண்டும் உள்நுழைய வேண்டும்.</translation>
    </message>
    <message>
        <source>Receipt %1 (account %2): %3</source>
        <translation>ரசீது %1 (கணக்கு %2): %3</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 கட்டாயம் தேவை; அதை உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>%1 must be text.</source>
        <translation>%1: எழுத்துகளாக உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>%1 has %2 characters; shorten it to at most %3.</source>
        <translation>%1: %2 எழுத்துகள் உள்ளன; அதிகபட்சம் %3 எழுத்துகளாகச் சுருக்கவும்.</translation>
    </message>
    <message>
        <source>%1 cannot be edited here.</source>
        <translation>%1: இதை இங்கே மாற்ற முடியாது.</translation>
    </message>
    <message>
        <source>%1 has letters in it; type digits only, e.g. 98765 43210.</source>
        <translation>%1: எண்ணில் எழுத்துகள் உள்ளன; இலக்கங்களை மட்டும் உள்ளிடவும், எ.கா. 98765 43210.</translation>
    </message>
    <message>
        <source>%1 is not a phone number; type 10 digits, e.g. 98765 43210.</source>
        <translation>%1: இது தொலைபேசி எண் அல்ல; 10 இலக்கங்களை உள்ளிடவும், எ.கா. 98765 43210.</translation>
    </message>
    <message>
        <source>%1 %2 is not a valid number; an Indian mobile has 10 digits starting with 6, 7, 8 or 9.</source>
        <translation>%1 %2 சரியான எண் அல்ல; இந்திய மொபைல் எண்ணில் 6, 7, 8 அல்லது 9 இல் தொடங்கும் 10 இலக்கங்கள் இருக்கும்.</translation>
    </message>
    <message>
        <source>%1 %2 is a landline; enter a mobile number.</source>
        <translation>%1 %2 ஒரு லேண்ட்லைன் (தரைவழி) எண்; மொபைல் எண்ணை உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>Alternate mobile is the same as the mobile; clear it.</source>
        <translation>மாற்று மொபைல் எண்ணும் மொபைல் எண்ணும் ஒன்றாக உள்ளன; மாற்று மொபைலை அழிக்கவும்.</translation>
    </message>
    <message>
        <source>Email is longer than %1 characters.</source>
        <translation>மின்னஞ்சல் முகவரி %1 எழுத்துகளை விட நீளமாக உள்ளது.</translation>
    </message>
    <message>
        <source>Email contains a space; remove it.</source>
        <translation>மின்னஞ்சல் முகவரியில் இடைவெளி உள்ளது; அதை நீக்கவும்.</translation>
    </message>
    <message>
        <source>Email %1 is not an address; use the form name@example.com.</source>
        <translation>மின்னஞ்சல் %1 சரியான முகவரி அல்ல; name@example.com என்ற வடிவில் உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>IP address %1 is not valid; e.g. 100.64.1.20.</source>
        <translation>IP முகவரி %1 சரியானது அல்ல; எ.கா. 100.64.1.20.</translation>
    </message>
    <message>
        <source>MAC address %1 is not valid; e.g. AA:BB:CC:DD:EE:FF.</source>
        <translation>MAC முகவரி %1 சரியானது அல்ல; எ.கா. AA:BB:CC:DD:EE:FF.</translation>
    </message>
    <message>
        <source>VLAN must be a whole number.</source>
        <translation>VLAN ஒரு முழு எண்ணாக இருக்க வேண்டும்.</translation>
    </message>
    <message>
        <source>VLAN must be a whole number from %1 to %2.</source>
        <translation>VLAN %1 முதல் %2 வரையிலான முழு எண்ணாக இருக்க வேண்டும்.</translation>
    </message>
    <message>
        <source>The comment is empty; type a note.</source>
        <translation>கருத்து காலியாக உள்ளது; ஒரு குறிப்பை எழுதவும்.</translation>
    </message>
    <message>
        <source>The comment has %1 characters; shorten it to at most %2.</source>
        <translation>கருத்தில் %1 எழுத்துகள் உள்ளன; அதிகபட்சம் %2 எழுத்துகளாகச் சுருக்கவும்.</translation>
    </message>
    <message>
        <source>Account %1 is no longer in the local copy.</source>
        <translation>கணக்கு %1 இப்போது இந்தக் கணினியின் நகலில் இல்லை.</translation>
    </message>
    <message>
        <source>That tag is not offered for this account&apos;s branch.</source>
        <translation>அந்தக் குறிச்சொல் இந்தக் கணக்கின் கிளைக்கு வழங்கப்படவில்லை.</translation>
    </message>
    <message>
        <source>The account already has the tag %1.</source>
        <translation>இந்தக் கணக்கில் %1 என்ற குறிச்சொல் ஏற்கெனவே உள்ளது.</translation>
    </message>
    <message>
        <source>The account does not have that tag (any more).</source>
        <translation>இந்தக் கணக்கில் அந்தக் குறிச்சொல் (இப்போது) இல்லை.</translation>
    </message>
    <message>
        <source>Account %1 was updated (version %2 → %3) after you opened it. Nothing was saved; the current values are shown — check them and save again.</source>
        <translation>நீங்கள் திறந்த பிறகு கணக்கு %1 புதுப்பிக்கப்பட்டது (பதிப்பு %2 → %3). எதுவும் சேமிக்கப்படவில்லை; தற்போதைய மதிப்புகள் காட்டப்படுகின்றன — அவற்றைச் சரிபார்த்து மீண்டும் சேமிக்கவும்.</translation>
    </message>
    <message>
        <source>Another edit of this account, not yet sent, changed the same field. Nothing was saved; the current values are shown — check them and save again.</source>
        <translation>இன்னும் அனுப்பப்படாத இந்தக் கணக்கின் மற்றொரு திருத்தம் அதே புலத்தை மாற்றியுள்ளது. எதுவும் சேமிக்கப்படவில்லை; தற்போதைய மதிப்புகள் காட்டப்படுகின்றன — அவற்றைச் சரிபார்த்து மீண்டும் சேமிக்கவும்.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <extracomment>billing&apos;s value for a field left empty (``billing.messages.EMPTY_VALUE``)</extracomment>
        <translation>(காலி)</translation>
    </message>
</context>
<context>
    <name>BillingRules</name>
    <message>
        <source>last day to pay</source>
        <translation>செலுத்த கடைசி நாள்</translation>
    </message>
    <message>
        <source>No active plan</source>
        <translation>செயலில் உள்ள திட்டம் இல்லை</translation>
    </message>
    <message>
        <source>Buying a plan (Recharge) activates the connection at once.</source>
        <translation>ஒரு திட்டத்தை வாங்கினால் (ரீசார்ஜ்) இணைப்பு உடனே செயல்படும்.</translation>
    </message>
    <message>
        <source>Expires on %1 (%2)</source>
        <translation>%1 அன்று காலாவதி (%2)</translation>
    </message>
    <message>
        <source> — last day of service</source>
        <translation> — சேவையின் கடைசி நாள்</translation>
    </message>
    <message>
        <source>Suspends on %1 (%2) unless renewed</source>
        <translation>புதுப்பிக்காவிட்டால் %1 அன்று இடைநிறுத்தம் (%2)</translation>
    </message>
    <message>
        <source>Expired on %1 (%2)</source>
        <translation>%1 அன்று காலாவதியானது (%2)</translation>
    </message>
    <message>
        <source>Suspended since %1 (%2): the plan was not renewed</source>
        <translation>%1 முதல் இடைநிறுத்தம் (%2): திட்டம் புதுப்பிக்கப்படவில்லை</translation>
    </message>
    <message>
        <source>Renewing the plan or buying a new one (Recharge) reconnects it at once.</source>
        <translation>திட்டத்தைப் புதுப்பித்தால் அல்லது புதியதை வாங்கினால் (ரீசார்ஜ்) இணைப்பு உடனே மீண்டும் கிடைக்கும்.</translation>
    </message>
    <message>
        <source>No invoice is open; the next one may be paid within %1 days of its date.</source>
        <translation>திறந்த விலைப்பட்டியல் இல்லை; அடுத்ததை அதன் தேதியிலிருந்து %1 நாட்களுக்குள் செலுத்தலாம்.</translation>
    </message>
    <message>
        <source>Invoice %1 was not paid by %2; suspension from %3.</source>
        <translation>விலைப்பட்டியல் %1, %2 க்குள் செலுத்தப்படவில்லை; %3 முதல் இடைநிறுத்தம்.</translation>
    </message>
    <message>
        <source>Pay invoice %1 by %2 (%3); unpaid, the account is suspended on %4.</source>
        <translation>விலைப்பட்டியல் %1 ஐ %2 க்குள் செலுத்தவும் (%3); செலுத்தாவிட்டால் கணக்கு %4 அன்று இடைநிறுத்தப்படும்.</translation>
    </message>
    <message>
        <source>An invoice may be paid up to %1 days after its date; unpaid, the account is suspended on day %2.</source>
        <translation>விலைப்பட்டியலை அதன் தேதியிலிருந்து %1 நாட்கள் வரை செலுத்தலாம்; செலுத்தாவிட்டால் %2-ஆம் நாள் கணக்கு இடைநிறுத்தப்படும்.</translation>
    </message>
    <message>
        <source>Once payment leaves no invoice past its grace, the connection is reinstated on its order plan.</source>
        <translation>சலுகைக் காலம் கடந்த விலைப்பட்டியல் எதுவும் இல்லாதபடி பணம் செலுத்தியதும், ஆர்டர் திட்டத்தில் இணைப்பு மீண்டும் வழங்கப்படும்.</translation>
    </message>
</context>
<context>
    <name>BillingTab</name>
    <message>
        <source>Invoice</source>
        <translation>விலைப்பட்டியல்</translation>
    </message>
    <message>
        <source>Dated</source>
        <translation>தேதி</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>நிலுவை</translation>
    </message>
    <message>
        <source>Pay by</source>
        <translation>கடைசி நாள்</translation>
    </message>
    <message>
        <source>Suspends on</source>
        <translation>இடைநிறுத்தம்</translation>
    </message>
    <message>
        <source>Grace</source>
        <translation>சலுகை</translation>
    </message>
    <message>
        <source>Plan type</source>
        <translation>திட்ட வகை</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>திட்டம்</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>நிலை</translation>
    </message>
    <message>
        <source>Expiry / due</source>
        <translation>காலாவதி / நிலுவை</translation>
    </message>
    <message>
        <source>Suspension</source>
        <translation>இடைநிறுத்தம்</translation>
    </message>
    <message>
        <source>Reconnection</source>
        <translation>மீண்டும் இணைப்பு</translation>
    </message>
    <message>
        <source>Plan and rules</source>
        <translation>திட்டமும் விதிகளும்</translation>
    </message>
    <message>
        <source>Open invoices</source>
        <translation>திறந்த விலைப்பட்டியல்கள்</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>நிலுவை</translation>
    </message>
    <message>
        <source>Balance and payments, last 12 months</source>
        <translation>நிலுவையும் கட்டணங்களும், கடந்த 12 மாதங்கள்</translation>
    </message>
    <message>
        <source>billed monthly</source>
        <translation>மாதாந்திர விலைப்பட்டியல்</translation>
    </message>
    <message>
        <source>No active plan</source>
        <translation>செயலில் உள்ள திட்டம் இல்லை</translation>
    </message>
    <message>
        <source>(the rules say %1 today; the server applies it)</source>
        <translation>(விதிகளின்படி இன்று %1; சர்வர் அதைச் செயல்படுத்தும்)</translation>
    </message>
    <message>
        <source>%1 due</source>
        <translation>%1 நிலுவை</translation>
    </message>
    <message>
        <source>%1 advance credit</source>
        <translation>%1 முன்பணம்</translation>
    </message>
    <message>
        <source>Nothing due (%1)</source>
        <translation>நிலுவை இல்லை (%1)</translation>
    </message>
    <message numerus="yes">
        <source> — provisional: includes %n payment(s) pending sync (server balance %1)</source>
        <translation>
            <numerusform> — தற்காலிகம்: ஒத்திசைவு நிலுவையில் உள்ள %n கட்டணம் சேர்த்து (சர்வர் நிலுவை %1)</numerusform>
            <numerusform> — தற்காலிகம்: ஒத்திசைவு நிலுவையில் உள்ள %n கட்டணங்கள் சேர்த்து (சர்வர் நிலுவை %1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Your role may not take payments.</source>
        <translation>உங்கள் பங்கிற்குப் பணம் பெற அனுமதி இல்லை.</translation>
    </message>
    <message>
        <source>Settle the outstanding balance.</source>
        <translation>நிலுவைத் தொகையைச் செலுத்தவும்.</translation>
    </message>
    <message>
        <source>Take a prepayment (advance credit).</source>
        <translation>முன்பணம் பெறவும்.</translation>
    </message>
    <message>
        <source>Choose a plan and recharge.</source>
        <translation>திட்டத்தைத் தேர்ந்தெடுத்து ரீசார்ஜ் செய்யவும்.</translation>
    </message>
    <message>
        <source>Payments (₹)</source>
        <translation>கட்டணங்கள் (₹)</translation>
    </message>
    <message>
        <source>Balance at month end (₹)</source>
        <translation>மாத இறுதி நிலுவை (₹)</translation>
    </message>
    <message>
        <source>Payments in the last 12 months: %1 (to %2)</source>
        <translation>கடந்த 12 மாதங்களில் கட்டணங்கள்: %1 (%2 வரை)</translation>
    </message>
</context>
<context>
    <name>BranchCloseReport</name>
    <message>
        <source>&lt;b&gt;%1 — session %2, counted by %3&lt;/b&gt; (sent by %4, device %5)</source>
        <extracomment>The range a new window shows: the last week, today included.</extracomment>
        <translation>&lt;b&gt;%1 — அமர்வு %2, எண்ணியவர் %3&lt;/b&gt; (அனுப்பியவர் %4, சாதனம் %5)</translation>
    </message>
    <message>
        <source>Counted: %1 = %2</source>
        <translation>எண்ணியது: %1 = %2</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>எதுவும் இல்லை</translation>
    </message>
    <message>
        <source>Expected %1 = float %2 + cash payments %3 − paid out %4; difference &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>எதிர்பார்த்தது %1 = தொடக்கச் சில்லறை %2 + ரொக்கக் கட்டணங்கள் %3 − வெளியே கொடுத்தது %4; வேறுபாடு &lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
    <message>
        <source>none</source>
        <translation>இல்லை</translation>
    </message>
    <message>
        <source>GST: not computed at the desk (%1)</source>
        <translation>ஜிஎஸ்டி: கவுண்டரில் கணக்கிடப்படவில்லை (%1)</translation>
    </message>
    <message>
        <source>GST %1: taxable %2, CGST %3, SGST %4, IGST %5</source>
        <translation>ஜிஎஸ்டி %1: வரிக்குட்பட்டது %2, CGST %3, SGST %4, IGST %5</translation>
    </message>
    <message>
        <source>cheque %1, %2, dated %3</source>
        <translation>காசோலை %1, %2, தேதி %3</translation>
    </message>
    <message>
        <source>Voids: %1</source>
        <translation>செல்லாதவை: %1</translation>
    </message>
    <message>
        <source>Voids: none</source>
        <translation>செல்லாதவை: இல்லை</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s): %1; %2 not yet synced at close</source>
        <translation>
            <numerusform>%n கட்டணம்: %1; முடிவின்போது %2 இன்னும் ஒத்திசைக்கவில்லை</numerusform>
            <numerusform>%n கட்டணங்கள்: %1; முடிவின்போது %2 இன்னும் ஒத்திசைக்கவில்லை</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BranchClosesModel</name>
    <message>
        <source>Branch</source>
        <translation>கிளை</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>காசாளர்</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>அமர்வு</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>முடித்த நேரம்</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>எதிர்பார்த்தது</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>எண்ணியது</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>வேறுபாடு</translation>
    </message>
    <message>
        <source>Unsynced at close</source>
        <translation>முடிவின்போது ஒத்திசைக்காதவை</translation>
    </message>
    <message>
        <source>−%1 short</source>
        <translation>−%1 குறைவு</translation>
    </message>
    <message>
        <source>%1 over</source>
        <translation>%1 கூடுதல்</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>சரிசமம்</translation>
    </message>
    <message numerus="yes">
        <source>Total: %n close(s)</source>
        <translation>
            <numerusform>மொத்தம்: %n முடிவு</numerusform>
            <numerusform>மொத்தம்: %n முடிவுகள்</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BranchClosesWindow</name>
    <message>
        <source>Branch day closes — head office</source>
        <extracomment>The closes (or an error) arrived and are shown.</extracomment>
        <translation>கிளைகளின் நாள் முடிவுகள் — தலைமை அலுவலகம்</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>அனைத்துக் கிளைகளும்</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>காட்டு (&amp;S)</translation>
    </message>
    <message>
        <source>Select a close to see its whole report.</source>
        <translation>முழு அறிக்கையைக் காண ஒரு நாள் முடிவைத் தேர்ந்தெடுக்கவும்.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>முதல்</translation>
    </message>
    <message>
        <source>to</source>
        <translation>வரை</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>கிளை</translation>
    </message>
    <message>
        <source>Head office&apos;s day closes are on the server: sign in online to see them.</source>
        <translation>தலைமை அலுவலகத்தின் நாள் முடிவுகள் சர்வரில் உள்ளன: அவற்றைக் காண இணைப்பில் உள்நுழையவும்.</translation>
    </message>
    <message>
        <source>The &apos;to&apos; date is before the &apos;from&apos; date; swap them.</source>
        <translation>‘வரை’ தேதி ‘முதல்’ தேதிக்கு முன் உள்ளது; இரண்டையும் மாற்றவும்.</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>சர்வரிடம் கேட்கிறது…</translation>
    </message>
    <message numerus="yes">
        <source>%n close(s) from %1 to %2; difference %3, %4 payment(s) unsynced at close.</source>
        <translation>
            <numerusform>%1 முதல் %2 வரை %n நாள் முடிவு; வேறுபாடு %3, முடிவின்போது %4 கட்டணங்கள் ஒத்திசைக்கவில்லை.</numerusform>
            <numerusform>%1 முதல் %2 வரை %n நாள் முடிவுகள்; வேறுபாடு %3, முடிவின்போது %4 கட்டணங்கள் ஒத்திசைக்கவில்லை.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the first %1 are listed; the total counts them all.</source>
        <translation>முதல் %1 மட்டுமே பட்டியலில் உள்ளன; மொத்தம் அனைத்தையும் கணக்கிடுகிறது.</translation>
    </message>
    <message>
        <source>Could not load the day closes: %1</source>
        <translation>நாள் முடிவுகளை ஏற்ற முடியவில்லை: %1</translation>
    </message>
</context>
<context>
    <name>CacheUpdate</name>
    <message>
        <source>Updating the local copy of the accounts for this version of Partner Desk.
This happens once after an update and can take a minute or two with many accounts. Please wait.</source>
        <translation>Partner Desk-இன் இந்தப் பதிப்புக்காகக் கணக்குகளின் உள்ளூர் நகல் புதுப்பிக்கப்படுகிறது.
இது புதுப்பித்த பின் ஒருமுறை மட்டும் நடக்கும்; நிறைய கணக்குகள் இருந்தால் ஓரிரு நிமிடங்கள் ஆகலாம். தயவுசெய்து காத்திருக்கவும்.</translation>
    </message>
</context>
<context>
    <name>ChequeDialog</name>
    <message>
        <source>Cheque — receipt %1</source>
        <extracomment>The cheque was marked: &quot;cleared&quot; or &quot;bounced&quot;.</extracomment>
        <translation>காசோலை — ரசீது %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; by %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2</translation>
    </message>
    <message>
        <source>Account %1 · %2</source>
        <translation>கணக்கு %1 · %2</translation>
    </message>
    <message>
        <source>Mark &amp;cleared</source>
        <translation>பணமானது எனக் குறி (&amp;C)</translation>
    </message>
    <message>
        <source>Mark &amp;bounced…</source>
        <translation>திரும்பியது எனக் குறி… (&amp;B)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>மூடு</translation>
    </message>
    <message>
        <source>Pending clearance</source>
        <translation>வங்கியில் நிலுவையில்</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>பணமானது</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>திரும்பியது</translation>
    </message>
    <message>
        <source>Status: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>நிலை: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>CommentsTab</name>
    <message>
        <source>Add an internal note (at most %1 characters)…</source>
        <translation>உள் குறிப்பைச் சேர்க்கவும் (அதிகபட்சம் %1 எழுத்துகள்)…</translation>
    </message>
    <message>
        <source>Add comment</source>
        <translation>கருத்து சேர்</translation>
    </message>
    <message>
        <source>— pending sync</source>
        <translation>— ஒத்திசைவு நிலுவையில்</translation>
    </message>
    <message>
        <source>No comments yet.</source>
        <translation>இன்னும் கருத்துகள் இல்லை.</translation>
    </message>
    <message numerus="yes">
        <source>%n comment(s), newest first.</source>
        <translation>
            <numerusform>%n கருத்து, புதியது முதலில்.</numerusform>
            <numerusform>%n கருத்துகள், புதியவை முதலில்.</numerusform>
        </translation>
    </message>
    <message>
        <source>Comment added; pending sync with the server.</source>
        <translation>கருத்து சேர்க்கப்பட்டது; சர்வருடன் ஒத்திசைவு நிலுவையில்.</translation>
    </message>
</context>
<context>
    <name>CounterKeys</name>
    <message>
        <source>“%1” is not one key; press a single key such as F2 or F9.</source>
        <extracomment>The function key of each payment option (shown on its button and in Help → Keyboard). The key that opens the selected account&apos;s first payment option (billing.rules&apos; order). Keys the main window already gives a meaning to.</extracomment>
        <translation>“%1” ஒரே விசை அல்ல; F2 அல்லது F9 போன்ற ஒரு விசையை அழுத்தவும்.</translation>
    </message>
    <message>
        <source>%1 is already used (%2); choose another.</source>
        <translation>%1 ஏற்கெனவே பயன்பாட்டில் உள்ளது (%2); வேறொன்றைத் தேர்ந்தெடுக்கவும்.</translation>
    </message>
    <message>
        <source>%1 types text (it would go to Quick Search); use a function key or a key with Ctrl or Alt.</source>
        <translation>%1 எழுத்தைத் தட்டச்சு செய்யும் (அது விரைவுத் தேடலுக்குச் செல்லும்); ஒரு செயல் விசை (F1–F12) அல்லது Ctrl / Alt உடன் ஒரு விசையைப் பயன்படுத்தவும்.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>%1 — unexpected error</source>
        <translation>%1 — எதிர்பாராத பிழை</translation>
    </message>
    <message>
        <source>%1 hit an unexpected error. The details below were written to the log in %2. Unsent payments and edits are safe in the outbox. If this keeps happening, send the log file to support.</source>
        <translation>%1 இல் எதிர்பாராத பிழை ஏற்பட்டது. கீழே உள்ள விவரங்கள் %2 இல் உள்ள பதிவில் எழுதப்பட்டன. அனுப்பப்படாத கட்டணங்களும் திருத்தங்களும் அவுட்பாக்ஸில் பாதுகாப்பாக உள்ளன. இது தொடர்ந்தால், பதிவுக் கோப்பை ஆதரவுக் குழுவுக்கு அனுப்பவும்.</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>பதிவுக் கோப்புறையைத் திற</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>மூடு</translation>
    </message>
</context>
<context>
    <name>DayCloseDialog</name>
    <message>
        <source>Day close — count the drawer</source>
        <extracomment>The close is saved (the DayClose). The session is loaded and the count can start. A paid-out entry was saved. The session&apos;s GST per method and its UTRs and cheques, once closed.</extracomment>
        <translation>நாள் முடிவு — பணப்பெட்டியை எண்ணவும்</translation>
    </message>
    <message>
        <source>Cash paid out of the drawer</source>
        <translation>பணப்பெட்டியிலிருந்து வெளியே கொடுத்த ரொக்கம்</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>தொகை</translation>
    </message>
    <message>
        <source>why (refund, petty cash…)</source>
        <translation>காரணம் (பணத் திருப்பம், சில்லறைச் செலவு…)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>பதிவு செய்</translation>
    </message>
    <message>
        <source>Count the drawer (notes and coins)</source>
        <translation>பணப்பெட்டியை எண்ணவும் (நோட்டுகளும் நாணயங்களும்)</translation>
    </message>
    <message>
        <source>Submit count and close the drawer</source>
        <translation>எண்ணிக்கையைச் சமர்ப்பித்து பணப்பெட்டியை மூடு</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>PDF ஆகச் சேமி…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>அச்சிடு…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>மூடு</translation>
    </message>
    <message>
        <source>Opening float (₹):</source>
        <translation>தொடக்க இருப்பு (₹):</translation>
    </message>
    <message>
        <source>Opening the cash session…</source>
        <translation>ரொக்க அமர்வைத் திறக்கிறது…</translation>
    </message>
    <message>
        <source>Cash session %1, opened %2 by %3. Count every note and coin in the drawer.</source>
        <translation>ரொக்க அமர்வு %1, %2 அன்று %3 திறந்தார். பணப்பெட்டியில் உள்ள ஒவ்வொரு நோட்டையும் நாணயத்தையும் எண்ணவும்.</translation>
    </message>
    <message>
        <source>Counted: %1</source>
        <translation>எண்ணியது: %1</translation>
    </message>
    <message>
        <source>Say why the cash was paid out.</source>
        <translation>ரொக்கம் ஏன் வெளியே கொடுக்கப்பட்டது என்று குறிப்பிடவும்.</translation>
    </message>
    <message>
        <source>Recorded %1 paid out.</source>
        <translation>வெளியே கொடுத்த %1 பதிவானது.</translation>
    </message>
    <message>
        <source>Shortage of %1</source>
        <translation>%1 பற்றாக்குறை</translation>
    </message>
    <message>
        <source>Excess of %1</source>
        <translation>%1 அதிகம்</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>சரியாக உள்ளது</translation>
    </message>
    <message>
        <source>Expected cash: &lt;b&gt;%1&lt;/b&gt; (float %2 + cash payments %3 − paid out %4)</source>
        <translation>எதிர்பார்த்த ரொக்கம்: &lt;b&gt;%1&lt;/b&gt; (இருப்பு %2 + ரொக்கக் கட்டணங்கள் %3 − வெளியே கொடுத்தது %4)</translation>
    </message>
    <message>
        <source>Counted cash: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>எண்ணிய ரொக்கம்: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Difference: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>வேறுபாடு: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) this session: %1</source>
        <translation>
            <numerusform>இந்த அமர்வில் %n கட்டணம்: %1</numerusform>
            <numerusform>இந்த அமர்வில் %n கட்டணங்கள்: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved. Payments from now on go to the next cash session.</source>
        <translation>சேமிக்கப்பட்டது. இனி வரும் கட்டணங்கள் அடுத்த ரொக்க அமர்வில் சேரும்.</translation>
    </message>
    <message>
        <source>The close report goes to head office with the next sync.</source>
        <translation>இந்த நாள் முடிவு அறிக்கை அடுத்த ஒத்திசைவில் தலைமை அலுவலகத்துக்கு அனுப்பப்படும்.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>சேமிக்கப்படவில்லை: %1</translation>
    </message>
    <message>
        <source>Save day close</source>
        <translation>நாள் முடிவைச் சேமி</translation>
    </message>
</context>
<context>
    <name>DayCloseGst</name>
    <message>
        <source>Method</source>
        <translation>முறை</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>தொகை</translation>
    </message>
    <message>
        <source>Taxable</source>
        <translation>வரி விதிக்கத்தக்க மதிப்பு</translation>
    </message>
    <message>
        <source>GST in this session</source>
        <translation>இந்த அமர்வில் ஜிஎஸ்டி</translation>
    </message>
    <message>
        <source>cheque</source>
        <translation>காசோலை</translation>
    </message>
    <message>
        <source>UTRs and cheques</source>
        <translation>UTR-களும் காசோலைகளும்</translation>
    </message>
</context>
<context>
    <name>DayCloseReport</name>
    <message>
        <source>GST totals not shown: %1</source>
        <translation>ஜிஎஸ்டி மொத்தங்கள் காட்டப்படவில்லை: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s)</source>
        <translation>
            <numerusform>%n கட்டணம்</numerusform>
            <numerusform>%n கட்டணங்கள்</numerusform>
        </translation>
    </message>
    <message>
        <source>SHORTAGE</source>
        <translation>பற்றாக்குறை</translation>
    </message>
    <message>
        <source>EXCESS</source>
        <translation>அதிகம்</translation>
    </message>
    <message>
        <source>BALANCED</source>
        <translation>சரியாக உள்ளது</translation>
    </message>
    <message>
        <source>Day close — cash session %1</source>
        <translation>நாள் முடிவு — ரொக்க அமர்வு %1</translation>
    </message>
    <message>
        <source>Opened %1 by %2; counted %3 by %4.</source>
        <translation>%1 அன்று %2 திறந்தார்; %3 அன்று %4 எண்ணினார்.</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>எண்ணியது</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>எண்ணிக்கை</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>தொகை</translation>
    </message>
    <message>
        <source>Counted cash</source>
        <translation>எண்ணிய ரொக்கம்</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>எதிர்பார்த்த ரொக்கம்</translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation>தொடக்க இருப்பு</translation>
    </message>
    <message>
        <source>+ Cash payments</source>
        <translation>+ ரொக்கக் கட்டணங்கள்</translation>
    </message>
    <message>
        <source>− Cash paid out</source>
        <translation>− வெளியே கொடுத்த ரொக்கம்</translation>
    </message>
    <message>
        <source>Difference (%1)</source>
        <translation>வேறுபாடு (%1)</translation>
    </message>
    <message>
        <source>Taken in this session (%1)</source>
        <translation>இந்த அமர்வில் பெற்றது (%1)</translation>
    </message>
    <message>
        <source>Day close %1</source>
        <translation>நாள் முடிவு %1</translation>
    </message>
</context>
<context>
    <name>DayCount</name>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>%n நாளில்</numerusform>
            <numerusform>%n நாட்களில்</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n நாள் முன்பு</numerusform>
            <numerusform>%n நாட்களுக்கு முன்பு</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>%n நாள் உள்ளது</numerusform>
            <numerusform>%n நாட்கள் உள்ளன</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>over by %n day(s)</source>
        <translation>
            <numerusform>%n நாள் கடந்தது</numerusform>
            <numerusform>%n நாட்கள் கடந்தன</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n நாள்</numerusform>
            <numerusform>%n நாட்கள்</numerusform>
        </translation>
    </message>
    <message>
        <source>today</source>
        <translation>இன்று</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>நாளை</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>நேற்று</translation>
    </message>
</context>
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
        <source>The UPI ID must look like name@bank: letters, digits, &apos;.&apos;, &apos;-&apos; or &apos;_&apos; before the @ (for example terabyte.cbe@okaxis).</source>
        <translation>யுபிஐ ஐடி name@bank போல இருக்க வேண்டும்: @ க்கு முன் எழுத்துகள், இலக்கங்கள், &apos;.&apos;, &apos;-&apos; அல்லது &apos;_&apos; (எ.கா. terabyte.cbe@okaxis).</translation>
    </message>
    <message>
        <source>Keep the UPI payee name to %1 characters.</source>
        <translation>யுபிஐ பெறுநர் பெயர் %1 எழுத்துகளுக்குள் இருக்கட்டும்.</translation>
    </message>
    <message>
        <source>The UPI payment-status address must look like https://pg.example.in/upi/status.</source>
        <translation>யுபிஐ கட்டண நிலை முகவரி https://pg.example.in/upi/status போல இருக்க வேண்டும்.</translation>
    </message>
    <message>
        <source>Keep the receipt header to %1 lines of at most %2 characters.</source>
        <translation>ரசீது தலைப்பை %1 வரிகளுக்குள், ஒவ்வொரு வரியும் அதிகபட்சம் %2 எழுத்துகளாக வைக்கவும்.</translation>
    </message>
    <message>
        <source>Printing each receipt at once needs a thermal printer: choose one above, or let the receipt be shown.</source>
        <translation>ஒவ்வொரு ரசீதையும் உடனே அச்சிட வெப்ப அச்சுப்பொறி வேண்டும்: மேலே ஒன்றைத் தேர்ந்தெடுக்கவும், அல்லது ரசீதைக் காட்ட விடவும்.</translation>
    </message>
    <message>
        <source>Pay key: %1</source>
        <translation>கட்டண விசை: %1</translation>
    </message>
    <message>
        <source>Choose English or Tamil as the language.</source>
        <translation>மொழியாக English அல்லது தமிழைத் தேர்ந்தெடுக்கவும்.</translation>
    </message>
</context>
<context>
    <name>DetailTab</name>
    <message>
        <source>Loading…</source>
        <extracomment>Fields with a problem are drawn with a red border; pending values in amber. The tab&apos;s title in the dialog. Emitted after :meth:`populate` ran (tests and the benchmark wait for it). Emitted after this tab queued a local write (the dialog refreshes and notifies).</extracomment>
        <translation>ஏற்றுகிறது…</translation>
    </message>
    <message>
        <source>Account %1 is not in the local copy.</source>
        <translation>கணக்கு %1 இந்தக் கணினியின் நகலில் இல்லை.</translation>
    </message>
    <message>
        <source>Could not read this tab from the local copy: %1</source>
        <translation>இந்தத் தாவலை நகலிலிருந்து படிக்க முடியவில்லை: %1</translation>
    </message>
</context>
<context>
    <name>DetailTabs</name>
    <message>
        <source>General Details</source>
        <extracomment>The tabs in the order of the source text; the widget of each is named ``detailTab_&lt;key&gt;`` (its page in the tab widget ``detailPage_&lt;key&gt;``).</extracomment>
        <translation>பொது விவரங்கள்</translation>
    </message>
    <message>
        <source>Contact Details</source>
        <translation>தொடர்பு விவரங்கள்</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>ஆர்டர்</translation>
    </message>
    <message>
        <source>Billing Details</source>
        <translation>கட்டண விவரங்கள்</translation>
    </message>
    <message>
        <source>Technical Details</source>
        <translation>தொழில்நுட்ப விவரங்கள்</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>விலைப்பட்டியல்</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>கட்டணம்</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>குறிச்சொல்</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>கருத்துகள்</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>பதிவு</translation>
    </message>
</context>
<context>
    <name>DueListWindow</name>
    <message>
        <source>Due</source>
        <translation>நிலுவை</translation>
    </message>
    <message>
        <source>Account ID</source>
        <translation>கணக்கு எண்</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>பெயர்</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>மொபைல்</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>வகை</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>நிலுவை</translation>
    </message>
    <message>
        <source>Suspends on</source>
        <translation>இடைநிறுத்தம்</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>காரணம்</translation>
    </message>
    <message>
        <source>Suspended today</source>
        <extracomment>The list&apos;s groups as shown (``db.due_list_query.DueCategory`` holds the English values).</extracomment>
        <translation>இன்று இடைநிறுத்தம்</translation>
    </message>
    <message>
        <source>Suspending tomorrow</source>
        <translation>நாளை இடைநிறுத்தம்</translation>
    </message>
    <message>
        <source>Last days of grace</source>
        <translation>சலுகையின் கடைசி நாட்கள்</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>ஏற்றுகிறது…</translation>
    </message>
    <message>
        <source>Due list — %1</source>
        <translation>நிலுவைப் பட்டியல் — %1</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>புதுப்பி (&amp;R)</translation>
    </message>
    <message>
        <source>Could not build the due list: %1</source>
        <translation>நிலுவைப் பட்டியலை உருவாக்க முடியவில்லை: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n suspended today</source>
        <translation>
            <numerusform>இன்று %n இடைநிறுத்தம்</numerusform>
            <numerusform>இன்று %n இடைநிறுத்தம்</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suspending tomorrow</source>
        <translation>
            <numerusform>நாளை %n இடைநிறுத்தம்</numerusform>
            <numerusform>நாளை %n இடைநிறுத்தம்</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in the last days of grace</source>
        <translation>
            <numerusform>சலுகையின் கடைசி நாட்களில் %n</numerusform>
            <numerusform>சலுகையின் கடைசி நாட்களில் %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing due today.</source>
        <translation>இன்று நிலுவை எதுவும் இல்லை.</translation>
    </message>
    <message>
        <source>Take %1</source>
        <translation>%1 பெறு</translation>
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
    <name>ExportFormat</name>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel பணிப்புத்தகம்</translation>
    </message>
</context>
<context>
    <name>FieldLabel</name>
    <message>
        <source>Name</source>
        <extracomment>The editable fields&apos; names as shown (``db.contact_validation.FIELD_LABELS`` holds the English ones the data layer uses in its messages).</extracomment>
        <translation>பெயர்</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>மொபைல்</translation>
    </message>
    <message>
        <source>Alternate mobile</source>
        <translation>மாற்று மொபைல்</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>மின்னஞ்சல்</translation>
    </message>
    <message>
        <source>Installation address</source>
        <translation>நிறுவல் முகவரி</translation>
    </message>
    <message>
        <source>Billing address</source>
        <translation>பில் முகவரி</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP முகவரி</translation>
    </message>
    <message>
        <source>Router brand</source>
        <translation>ரூட்டர் நிறுவனம்</translation>
    </message>
    <message>
        <source>Connection type</source>
        <translation>இணைப்பு வகை</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC முகவரி</translation>
    </message>
    <message>
        <source>VLAN</source>
        <translation>VLAN</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>நிலை</translation>
    </message>
</context>
<context>
    <name>FieldsFormTab</name>
    <message>
        <source>optional</source>
        <translation>விருப்பத்தேர்வு</translation>
    </message>
    <message>
        <source>name@example.com (optional)</source>
        <translation>name@example.com (விருப்பத்தேர்வு)</translation>
    </message>
    <message>
        <source>1 to 4094</source>
        <translation>1 முதல் 4094</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>மாற்றங்களைக் கைவிடு</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>மாற்றங்களைச் சேமி</translation>
    </message>
    <message>
        <source>Your role may view these details but not change them.</source>
        <translation>உங்கள் பங்கிற்கு இந்த விவரங்களைப் பார்க்க மட்டுமே அனுமதி, மாற்ற அல்ல.</translation>
    </message>
    <message>
        <source>This account was changed elsewhere while you were editing (%1). Your save will be checked against the current values.</source>
        <translation>நீங்கள் திருத்தும்போது இந்தக் கணக்கு வேறிடத்தில் மாற்றப்பட்டது (%1). நீங்கள் சேமிப்பது தற்போதைய மதிப்புகளுடன் சரிபார்க்கப்படும்.</translation>
    </message>
    <message>
        <source>This account was changed elsewhere while you were editing. Your save will be checked against the current values.</source>
        <translation>நீங்கள் திருத்தும்போது இந்தக் கணக்கு வேறிடத்தில் மாற்றப்பட்டது. நீங்கள் சேமிப்பது தற்போதைய மதிப்புகளுடன் சரிபார்க்கப்படும்.</translation>
    </message>
    <message>
        <source>An earlier change of %1 by %2 was not applied by the server: %3. The values shown are the server&apos;s.</source>
        <translation>%2 செய்த %1 மாற்றத்தைச் சர்வர் ஏற்கவில்லை: %3. காட்டப்படுபவை சர்வரின் மதிப்புகள்.</translation>
    </message>
    <message>
        <source>pending sync — changed by %1</source>
        <translation>ஒத்திசைவு நிலுவையில் — மாற்றியவர் %1</translation>
    </message>
    <message>
        <source>Nothing to save: no field was changed.</source>
        <translation>சேமிக்க எதுவும் இல்லை: எந்தப் புலமும் மாற்றப்படவில்லை.</translation>
    </message>
    <message>
        <source>Nothing to save: the values are unchanged.</source>
        <translation>சேமிக்க எதுவும் இல்லை: மதிப்புகள் மாறவில்லை.</translation>
    </message>
    <message>
        <source>Saved %1. The change is pending sync with the server.</source>
        <translation>%1 சேமிக்கப்பட்டது. மாற்றம் சர்வருடன் ஒத்திசைவு நிலுவையில் உள்ளது.</translation>
    </message>
    <message>
        <source>The change could not be saved: %1</source>
        <translation>மாற்றத்தைச் சேமிக்க முடியவில்லை: %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(காலி)</translation>
    </message>
    <message>
        <source>• %1: now %2 — you typed %3</source>
        <translation>• %1: இப்போது %2 — நீங்கள் உள்ளிட்டது %3</translation>
    </message>
</context>
<context>
    <name>FilterSidebar</name>
    <message>
        <source>All</source>
        <translation>அனைத்தும்</translation>
    </message>
    <message>
        <source>Branch Name</source>
        <translation>கிளை</translation>
    </message>
    <message>
        <source>Area Name</source>
        <translation>பகுதி</translation>
    </message>
    <message>
        <source>Account Status</source>
        <translation>கணக்கு நிலை</translation>
    </message>
    <message>
        <source>Account Manager</source>
        <translation>கணக்கு மேலாளர்</translation>
    </message>
    <message>
        <source>Sales Executive</source>
        <translation>விற்பனை அலுவலர்</translation>
    </message>
    <message>
        <source>Reseller Name</source>
        <translation>மறுவிற்பனையாளர்</translation>
    </message>
    <message>
        <source>ID, name, mobile or email</source>
        <extracomment>Debounce after a keystroke in Quick Search / after a list choice (milliseconds). Emitted at once (not debounced) whenever the filter changed: what the table shows is for older inputs from this moment on.</extracomment>
        <translation>எண் / பெயர் / மொபைல்</translation>
    </message>
    <message>
        <source>Quick search (Ctrl+F): part of an account ID, name, mobile or email.
Ignores case, spaces and +91. Esc clears it.</source>
        <translation>விரைவுத் தேடல் (Ctrl+F): கணக்கு எண், பெயர், மொபைல் அல்லது மின்னஞ்சலின் ஒரு பகுதி.
எழுத்து அளவு, இடைவெளி, +91 கணக்கில் இல்லை. Esc அழிக்கும்.</translation>
    </message>
    <message>
        <source>Clear all filters</source>
        <translation>எல்லா வடிகட்டிகளையும் நீக்கு</translation>
    </message>
    <message>
        <source>Show every account again</source>
        <translation>எல்லா கணக்குகளையும் மீண்டும் காட்டு</translation>
    </message>
    <message>
        <source>Quick Search</source>
        <translation>விரைவுத் தேடல்</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <source>Account ID</source>
        <translation>கணக்கு எண்</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>கணக்குப் பெயர்</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>நிலை</translation>
    </message>
    <message>
        <source>Plan type</source>
        <translation>திட்ட வகை</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>திட்டம்</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>கிளை</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>பகுதி</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>மண்டலம்</translation>
    </message>
    <message>
        <source>Reseller</source>
        <translation>மறுவிற்பனையாளர்</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>கணக்கு மேலாளர்</translation>
    </message>
    <message>
        <source>Sales executive</source>
        <translation>விற்பனை அலுவலர்</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>உருவாக்கிய தேதி</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>கடைசியாகக் காணப்பட்டது</translation>
    </message>
    <message>
        <source>No active plan</source>
        <translation>செயலில் உள்ள திட்டம் இல்லை</translation>
    </message>
    <message>
        <source>— (direct customer)</source>
        <translation>— (நேரடி வாடிக்கையாளர்)</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>ஒருபோதும் இல்லை</translation>
    </message>
</context>
<context>
    <name>GstDocumentViewer</name>
    <message>
        <source>only for a GST-registered customer</source>
        <translation>ஜிஎஸ்டி பதிவுபெற்ற வாடிக்கையாளருக்கு மட்டும்</translation>
    </message>
    <message>
        <source>Customer &amp;GSTIN:</source>
        <translation>வாடிக்கையாளர் GSTIN (&amp;G):</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>அச்சிடு… (&amp;P)</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>PDF ஆகச் சேமி… (&amp;D)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>மூடு</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 சேமிக்கப்படுகிறது…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 சேமிக்கப்பட்டது</translation>
    </message>
    <message>
        <source>The PDF could not be saved: %1</source>
        <translation>PDF ஐச் சேமிக்க முடியவில்லை: %1</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>PDF ஆகச் சேமி</translation>
    </message>
    <message>
        <source>No GST document: %1</source>
        <translation>ஜிஎஸ்டி ஆவணம் இல்லை: %1</translation>
    </message>
</context>
<context>
    <name>GstSettingsDialog</name>
    <message>
        <source>GST details of the operator</source>
        <translation>நிறுவனத்தின் ஜிஎஸ்டி விவரங்கள்</translation>
    </message>
    <message>
        <source>15 characters, like 33AACCM9093R1ZP</source>
        <translation>15 எழுத்துகள், எ.கா. 33AACCM9093R1ZP</translation>
    </message>
    <message>
        <source>&amp;Legal name:</source>
        <translation>சட்டப்பூர்வப் பெயர் (&amp;L):</translation>
    </message>
    <message>
        <source>&amp;GSTIN:</source>
        <translation>GSTIN (&amp;G):</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>முகவரி (&amp;A):</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>மாநிலம் (&amp;T):</translation>
    </message>
    <message>
        <source>&amp;SAC:</source>
        <translation>SAC (&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Rate (%):</source>
        <translation>வரி விகிதம் (%) (&amp;R):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ரத்துசெய்</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>சேமி</translation>
    </message>
    <message>
        <source>Enter the operator&apos;s GSTIN: 15 characters, like 33AACCM9093R1ZP.</source>
        <translation>நிறுவனத்தின் GSTIN ஐ உள்ளிடவும்: 15 எழுத்துகள், எ.கா. 33AACCM9093R1ZP.</translation>
    </message>
</context>
<context>
    <name>InvoiceViewer</name>
    <message>
        <source>Invoice %1 — %2</source>
        <translation>விலைப்பட்டியல் %1 — %2</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>அச்சிடு…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>PDF ஆகச் சேமி…</translation>
    </message>
    <message>
        <source>GST tax invoice…</source>
        <translation>ஜிஎஸ்டி வரி விலைப்பட்டியல்…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>மூடு</translation>
    </message>
    <message>
        <source>Save invoice as PDF</source>
        <translation>விலைப்பட்டியலை PDF ஆகச் சேமி</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 சேமிக்கப்படுகிறது…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 சேமிக்கப்பட்டது</translation>
    </message>
    <message>
        <source>The PDF could not be saved: %1</source>
        <translation>PDF ஐச் சேமிக்க முடியவில்லை: %1</translation>
    </message>
</context>
<context>
    <name>InvoicesTab</name>
    <message>
        <source>Invoice</source>
        <translation>விலைப்பட்டியல்</translation>
    </message>
    <message>
        <source>Dated</source>
        <translation>தேதி</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>காலம்</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>தொகை</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>செலுத்தியது</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>நிலுவை</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>நிலை</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>நிலுவையில்</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>ரத்துசெய்யப்பட்டது</translation>
    </message>
    <message>
        <source>Open invoice</source>
        <translation>விலைப்பட்டியலைத் திற</translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s); %1 open. Double-click an invoice to open it.</source>
        <translation>
            <numerusform>%n விலைப்பட்டியல்; %1 நிலுவையில். திறக்க விலைப்பட்டியலை இருமுறை சொடுக்கவும்.</numerusform>
            <numerusform>%n விலைப்பட்டியல்கள்; %1 நிலுவையில். திறக்க விலைப்பட்டியலை இருமுறை சொடுக்கவும்.</numerusform>
        </translation>
    </message>
    <message>
        <source>No invoices: prepaid accounts pay per recharge (see Order and Payment).</source>
        <translation>விலைப்பட்டியல் இல்லை: ப்ரீபெய்டு கணக்குகள் ஒவ்வொரு ரீசார்ஜுக்கும் செலுத்துகின்றன (ஆர்டர், கட்டணம் தாவல்களைப் பார்க்கவும்).</translation>
    </message>
    <message>
        <source>That invoice is no longer in the local copy.</source>
        <translation>அந்த விலைப்பட்டியல் இப்போது உள்ளூர் நகலில் இல்லை.</translation>
    </message>
</context>
<context>
    <name>KeyboardHelp</name>
    <message>
        <source>Type or scan an Account ID anywhere in the window; Enter selects exactly that account (the status bar says when none has it).</source>
        <translation>சாளரத்தில் எங்கும் கணக்கு எண்ணைத் தட்டச்சு செய்யவும் அல்லது ஸ்கேன் செய்யவும்; Enter அந்தக் கணக்கையே தேர்ந்தெடுக்கும் (எந்தக் கணக்கும் இல்லையெனில் நிலைப்பட்டி சொல்லும்).</translation>
    </message>
    <message>
        <source>Go to Quick Search (name, mobile, email or ID).</source>
        <translation>விரைவுத் தேடலுக்குச் செல் (பெயர், மொபைல், மின்னஞ்சல் அல்லது எண்).</translation>
    </message>
    <message>
        <source>Clear Quick Search.</source>
        <translation>விரைவுத் தேடலை அழி.</translation>
    </message>
    <message>
        <source>From Quick Search to the list.</source>
        <translation>விரைவுத் தேடலிலிருந்து பட்டியலுக்கு.</translation>
    </message>
    <message>
        <source>Enter (in the list)</source>
        <translation>Enter (பட்டியலில்)</translation>
    </message>
    <message>
        <source>Open the account&apos;s details.</source>
        <translation>கணக்கின் விவரங்களைத் திற.</translation>
    </message>
    <message>
        <source>Take the selected account&apos;s first payment option (as on its buttons). Settings key counter/payKey changes it.</source>
        <translation>தேர்ந்தெடுத்த கணக்கின் முதல் கட்டண வழியைத் தொடங்கு (பொத்தான்களில் உள்ளபடி). அமைப்பு counter/payKey இதை மாற்றும்.</translation>
    </message>
    <message>
        <source>%1 for the selected account.</source>
        <translation>தேர்ந்தெடுத்த கணக்குக்கு %1.</translation>
    </message>
    <message>
        <source>Enter (Plan Selection)</source>
        <translation>Enter (திட்டத் தேர்வு)</translation>
    </message>
    <message>
        <source>Continue with the current plan.</source>
        <translation>தற்போதைய திட்டத்துடன் தொடர்.</translation>
    </message>
    <message>
        <source>Enter (payment)</source>
        <translation>Enter (பணம் செலுத்துதல்)</translation>
    </message>
    <message>
        <source>Confirm, when the amount and method are valid.</source>
        <translation>தொகையும் வழியும் சரியாக இருந்தால் உறுதிசெய்.</translation>
    </message>
    <message>
        <source>Esc (payment)</source>
        <translation>Esc (பணம் செலுத்துதல்)</translation>
    </message>
    <message>
        <source>Cancel; nothing is recorded.</source>
        <translation>ரத்துசெய்; எதுவும் பதிவாகாது.</translation>
    </message>
    <message>
        <source>Refresh the list.</source>
        <translation>பட்டியலைப் புதுப்பி.</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>விசைப்பலகை</translation>
    </message>
    <message>
        <source>The counter loop by keyboard or scanner</source>
        <translation>விசைப்பலகை அல்லது ஸ்கேனர் மூலம் கவுண்டர் வேலை</translation>
    </message>
    <message>
        <source>After a payment the receipt is shown (or printed: Settings key receipts/afterRecord = print) and Quick Search is ready, empty, for the next customer.</source>
        <translation>பணம் செலுத்திய பின் ரசீது காட்டப்படும் (அல்லது அச்சிடப்படும்: அமைப்பு receipts/afterRecord = print); அடுத்த வாடிக்கையாளருக்கு விரைவுத் தேடல் காலியாகத் தயாராக இருக்கும்.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>மூடு</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Clear</source>
        <translation>அழி</translation>
    </message>
</context>
<context>
    <name>KioskLookup</name>
    <message>
        <source>No account matches that number. Check it and try again.</source>
        <extracomment>The kiosk holds no key for its sealed copy (no keyring, or never synced since it lost it): nothing can be looked up here; staff must let it sync. Not a miss.</extracomment>
        <translation>அந்த எண்ணுக்கு எந்தக் கணக்கும் இல்லை. சரிபார்த்து மீண்டும் முயலவும்.</translation>
    </message>
    <message>
        <source>More than one account uses this mobile number. Please enter your Account ID.</source>
        <translation>இந்த மொபைல் எண்ணில் ஒன்றுக்கு மேற்பட்ட கணக்குகள் உள்ளன. உங்கள் கணக்கு எண்ணை உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>Enter your Account ID or your 10-digit registered mobile number.</source>
        <translation>உங்கள் கணக்கு எண் அல்லது பதிவுசெய்த 10 இலக்க மொபைல் எண்ணை உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>This kiosk cannot look accounts up right now. Please ask staff.
Staff: it has no key for its offline copy; connect it to head office to sync.</source>
        <translation>இந்தக் கியோஸ்க்கில் இப்போது கணக்குகளைத் தேட முடியாது. பணியாளரிடம் கேளுங்கள்.
பணியாளர்: இதன் இணைப்பில்லா நகலுக்கான சாவி இதனிடம் இல்லை; ஒத்திசைவுக்கு இதைத் தலைமை அலுவலகத்துடன் இணைக்கவும்.</translation>
    </message>
</context>
<context>
    <name>KioskPay</name>
    <message>
        <source>DEMO: simulate the customer&apos;s UPI payment</source>
        <translation>டெமோ: UPI கட்டணம் வந்ததாகக் காட்டு</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>அழி</translation>
    </message>
    <message>
        <source>Choose a plan</source>
        <translation>ஒரு திட்டத்தைத் தேர்ந்தெடுங்கள்</translation>
    </message>
    <message>
        <source>Touch the plan you want to recharge with.</source>
        <translation>ரீசார்ஜ் செய்ய விரும்பும் திட்டத்தைத் தொடவும்.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ரத்துசெய்</translation>
    </message>
    <message>
        <source>Pay by UPI</source>
        <translation>UPI மூலம் செலுத்து</translation>
    </message>
    <message>
        <source>Scan to pay with any UPI app</source>
        <translation>எந்த UPI செயலியிலும் ஸ்கேன் செய்து செலுத்துங்கள்</translation>
    </message>
    <message>
        <source>Cancel payment</source>
        <translation>கட்டணத்தை ரத்துசெய்</translation>
    </message>
    <message>
        <source>%1 · account %2</source>
        <extracomment>How long the QR waits for the money before giving up (nothing is recorded then).</extracomment>
        <translation>%1 · கணக்கு %2</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>ஏற்றுகிறது…</translation>
    </message>
    <message>
        <source>%1 is not available for this account now. Touch Cancel and look the account up again.</source>
        <translation>இந்தக் கணக்குக்கு இப்போது %1 இல்லை. ரத்துசெய் தொட்டு கணக்கை மீண்டும் தேடவும்.</translation>
    </message>
    <message>
        <source>This account cannot take a payment here just now. Please pay at the counter.</source>
        <translation>இந்தக் கணக்குக்கு இப்போது இங்கே பணம் செலுத்த முடியாது. கவுண்டரில் செலுத்தவும்.</translation>
    </message>
    <message>
        <source>No plan is offered to this account at this kiosk. Please recharge at the counter.</source>
        <translation>இந்தக் கியோஸ்கில் இந்தக் கணக்குக்குத் திட்டம் எதுவும் இல்லை. கவுண்டரில் ரீசார்ஜ் செய்யவும்.</translation>
    </message>
    <message>
        <source>Continue with current plan: %1 · %2</source>
        <translation>தற்போதைய திட்டத்துடன் தொடர்: %1 · %2</translation>
    </message>
    <message>
        <source>Recharge · %1</source>
        <translation>ரீசார்ஜ் · %1</translation>
    </message>
    <message>
        <source>Amount due %1. Pay it all, or type a smaller amount.</source>
        <translation>செலுத்த வேண்டிய தொகை %1. முழுவதையும் செலுத்துங்கள், அல்லது குறைந்த தொகையைத் தட்டச்சு செய்யுங்கள்.</translation>
    </message>
    <message>
        <source>Type the amount to keep as advance credit.</source>
        <translation>முன்பணமாக வைக்க வேண்டிய தொகையைத் தட்டச்சு செய்யுங்கள்.</translation>
    </message>
    <message>
        <source>That is more than the due; the extra %1 stays as advance credit.</source>
        <translation>இது நிலுவையை விட அதிகம்; கூடுதல் தொகை %1 முன்பணமாக இருக்கும்.</translation>
    </message>
    <message>
        <source>Yes, pay %1</source>
        <translation>ஆம், %1 செலுத்து</translation>
    </message>
    <message>
        <source>Pay more than due?</source>
        <translation>நிலுவையை விட அதிகம் செலுத்தவா?</translation>
    </message>
    <message>
        <source>Pay %1 by UPI</source>
        <translation>UPI மூலம் %1 செலுத்து</translation>
    </message>
    <message>
        <source>UPI payments are not set up correctly at this kiosk. Please pay at the counter.</source>
        <translation>இந்தக் கியோஸ்கில் UPI கட்டணம் சரியாக அமைக்கப்படவில்லை. கவுண்டரில் செலுத்தவும்.</translation>
    </message>
    <message>
        <source>Account %1 · %2
Receipt No %3</source>
        <translation>கணக்கு %1 · %2
ரசீது எண் %3</translation>
    </message>
    <message>
        <source>Waiting for your payment (DEMO: no bank is involved)… %1 left. Nothing is charged or recorded until your bank confirms it.</source>
        <translation>உங்கள் கட்டணத்துக்குக் காத்திருக்கிறது (டெமோ: வங்கி இல்லை)… இன்னும் %1. உங்கள் வங்கி உறுதிசெய்யும் வரை எதுவும் வசூலிக்கப்படாது, பதிவாகாது.</translation>
    </message>
    <message>
        <source>Waiting for your payment… %1 left. Nothing is charged or recorded until your bank confirms it.</source>
        <translation>உங்கள் கட்டணத்துக்குக் காத்திருக்கிறது… இன்னும் %1. உங்கள் வங்கி உறுதிசெய்யும் வரை எதுவும் வசூலிக்கப்படாது, பதிவாகாது.</translation>
    </message>
    <message>
        <source>No payment arrived in time; nothing was recorded. Touch Cancel payment to start again.</source>
        <translation>நேரத்துக்குள் கட்டணம் வரவில்லை; எதுவும் பதிவாகவில்லை. மீண்டும் தொடங்க “கட்டணத்தை ரத்துசெய்” தொடவும்.</translation>
    </message>
    <message>
        <source>Payment received. Recording it…</source>
        <translation>கட்டணம் வந்தது. பதிவு செய்கிறது…</translation>
    </message>
    <message>
        <source>Your payment arrived but this kiosk could not save it. Please show this screen to the staff: receipt %1.</source>
        <translation>உங்கள் கட்டணம் வந்தது, ஆனால் இந்தக் கியோஸ்க் அதைச் சேமிக்க முடியவில்லை. இந்தத் திரையைப் பணியாளரிடம் காட்டுங்கள்: ரசீது %1.</translation>
    </message>
    <message>
        <source>%1 Nothing was recorded.</source>
        <translation>%1 எதுவும் பதிவாகவில்லை.</translation>
    </message>
    <message>
        <source>The amount received does not match the amount asked for. Your money is not lost: please show your UPI app to the staff, who will record it.</source>
        <translation>பெறப்பட்ட தொகை கேட்ட தொகையுடன் பொருந்தவில்லை. உங்கள் பணம் இழக்கப்படவில்லை: உங்கள் UPI செயலியைப் பணியாளரிடம் காட்டுங்கள், அவர் அதைப் பதிவு செய்வார்.</translation>
    </message>
    <message>
        <source>The bank says this UPI payment failed; no money was taken.</source>
        <translation>இந்த UPI கட்டணம் தோல்வியடைந்ததாக வங்கி கூறுகிறது; பணம் எதுவும் எடுக்கப்படவில்லை.</translation>
    </message>
    <message>
        <source>The payment could not be confirmed. If money left your account, please show your UPI app to the staff.</source>
        <translation>கட்டணத்தை உறுதிசெய்ய முடியவில்லை. உங்கள் கணக்கிலிருந்து பணம் போயிருந்தால், உங்கள் UPI செயலியைப் பணியாளரிடம் காட்டுங்கள்.</translation>
    </message>
</context>
<context>
    <name>KioskPayPage</name>
    <message numerus="yes">
        <source>%1: %2 for %n day(s), less any credit.</source>
        <translation>
            <numerusform>%1: %n நாளுக்கு %2, முன்பணம் கழித்து.</numerusform>
            <numerusform>%1: %n நாட்களுக்கு %2, முன்பணம் கழித்து.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskReceipt</name>
    <message>
        <source>Payment recorded; it will reach head office when the connection returns.</source>
        <extracomment>Notes on the receipt screen (English; the kiosk shows them in the interface language).</extracomment>
        <translation>கட்டணம் பதிவானது; இணைப்பு வந்ததும் தலைமை அலுவலகத்தை அடையும்.</translation>
    </message>
    <message>
        <source>Payment recorded; sending it to head office now.</source>
        <translation>கட்டணம் பதிவானது; இப்போது தலைமை அலுவலகத்துக்கு அனுப்புகிறது.</translation>
    </message>
    <message>
        <source>Payment confirmed by head office.</source>
        <translation>கட்டணத்தைத் தலைமை அலுவலகம் உறுதிசெய்தது.</translation>
    </message>
    <message>
        <source>PENDING SYNC</source>
        <translation>ஒத்திசைவு நிலுவையில்</translation>
    </message>
    <message>
        <source>RECEIPT</source>
        <translation>ரசீது</translation>
    </message>
    <message>
        <source>Receipt No</source>
        <translation>ரசீது எண்</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>தேதி</translation>
    </message>
    <message>
        <source>Account ID</source>
        <translation>கணக்கு எண்</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>பெயர்</translation>
    </message>
    <message>
        <source>For</source>
        <translation>எதற்கு</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>செலுத்திய முறை</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>குறிப்பு எண்</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>தொகை</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>மீதி நிலுவை</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>முன்பணம்</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>நிலுவை</translation>
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
    <name>KioskWindow</name>
    <message>
        <source>This kiosk is locked: too many look-ups found no account. Please ask a member of staff to unlock it.</source>
        <extracomment>Why the lock screen is shown.</extracomment>
        <translation>இந்தக் கியோஸ்க் பூட்டப்பட்டது: பல தேடல்களில் கணக்கு கிடைக்கவில்லை. திறக்க ஒரு பணியாளரிடம் கேளுங்கள்.</translation>
    </message>
    <message>
        <source>Payments are not available at this kiosk yet. Please pay at the counter.</source>
        <extracomment>The pages of the window&apos;s stack, in order. The kiosk&apos;s payment screen (after the five above). Shown instead of the payment options when this kiosk has no payment device.</extracomment>
        <translation>இந்தக் கியோஸ்கில் இன்னும் பணம் செலுத்த முடியாது. கவுண்டரில் செலுத்தவும்.</translation>
    </message>
    <message>
        <source>%1 — Kiosk</source>
        <extracomment>Staff entered the right PIN; the kiosk window has closed.</extracomment>
        <translation>%1 — கியோஸ்க்</translation>
    </message>
    <message>
        <source>Account ID or mobile</source>
        <translation>கணக்கு எண் / மொபைல்</translation>
    </message>
    <message>
        <source>Staff PIN</source>
        <translation>பணியாளர் PIN</translation>
    </message>
    <message>
        <source>₹ amount</source>
        <translation>₹ தொகை</translation>
    </message>
    <message>
        <source>Terabyte Broadband · Pay your bill</source>
        <translation>Terabyte Broadband · உங்கள் கட்டணத்தைச் செலுத்துங்கள்</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>பணியாளர்</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>வணக்கம்</translation>
    </message>
    <message>
        <source>Enter your Account ID or your registered mobile number, then touch Find my account.</source>
        <translation>உங்கள் கணக்கு எண் அல்லது பதிவுசெய்த மொபைல் எண்ணை உள்ளிட்டு, பிறகு “என் கணக்கைக் கண்டுபிடி” தொடவும்.</translation>
    </message>
    <message>
        <source>Find my account</source>
        <translation>என் கணக்கைக் கண்டுபிடி</translation>
    </message>
    <message>
        <source>Account ID</source>
        <translation>கணக்கு எண்</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>பெயர்</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>மொபைல்</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>திட்டம்</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>செல்லுபடி வரை</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>நிலை</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>செலுத்த வேண்டிய தொகை</translation>
    </message>
    <message>
        <source>Not me — start again</source>
        <translation>நான் இல்லை — மீண்டும் தொடங்கு</translation>
    </message>
    <message>
        <source>Thank you</source>
        <translation>நன்றி</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>முடிந்தது</translation>
    </message>
    <message>
        <source>Staff only</source>
        <translation>பணியாளர்களுக்கு மட்டும்</translation>
    </message>
    <message>
        <source>Enter the staff PIN to leave kiosk mode.</source>
        <translation>கியோஸ்க் நிலையிலிருந்து வெளியேற பணியாளர் PIN ஐ உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>Leave kiosk</source>
        <translation>கியோஸ்கிலிருந்து வெளியேறு</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ரத்துசெய்</translation>
    </message>
    <message>
        <source>Looking up your account…</source>
        <extracomment>Settings key set while the kiosk is locked after too many look-ups found nothing, so a restart (or a power cut) does not unlock it; only the staff PIN does. The look-up budgets (billing/kiosk_limits.py); offline the only limit there is. Seconds, for the budgets (monotonic: a changed PC clock gives no free look-ups).</extracomment>
        <translation>உங்கள் கணக்கைத் தேடுகிறது…</translation>
    </message>
    <message>
        <source>Something went wrong looking that up. Please try again.</source>
        <translation>தேடுவதில் ஏதோ தவறு நேர்ந்தது. மீண்டும் முயலவும்.</translation>
    </message>
    <message>
        <source>No active plan</source>
        <translation>செயலில் உள்ள திட்டம் இல்லை</translation>
    </message>
    <message>
        <source>Pay by</source>
        <translation>செலுத்த வேண்டிய தேதி</translation>
    </message>
    <message>
        <source>Nothing due · advance credit</source>
        <translation>நிலுவை இல்லை · முன்பணம்</translation>
    </message>
    <message>
        <source>Nothing due</source>
        <translation>நிலுவை இல்லை</translation>
    </message>
    <message numerus="yes">
        <source>Includes %n payment(s) not yet confirmed by head office.</source>
        <translation>
            <numerusform>தலைமை அலுவலகம் இன்னும் உறுதிசெய்யாத %n கட்டணம் உட்பட.</numerusform>
            <numerusform>தலைமை அலுவலகம் இன்னும் உறுதிசெய்யாத %n கட்டணங்கள் உட்பட.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 Receipt marked %2.</source>
        <translation>%1 ரசீதில் %2 குறி உள்ளது.</translation>
    </message>
    <message>
        <source>The receipt printer is not available: %1</source>
        <translation>ரசீது அச்சுப்பொறி கிடைக்கவில்லை: %1</translation>
    </message>
    <message>
        <source>Please keep this screen&apos;s receipt number for reference.</source>
        <translation>இந்தத் திரையில் உள்ள ரசீது எண்ணைக் குறித்துக்கொள்ளவும்.</translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation>உங்கள் ரசீது அச்சிடப்படுகிறது…</translation>
    </message>
    <message>
        <source>Your receipt has been printed.</source>
        <translation>உங்கள் ரசீது அச்சிடப்பட்டது.</translation>
    </message>
    <message>
        <source>The receipt could not be printed; please note the receipt number shown.</source>
        <translation>ரசீதை அச்சிட முடியவில்லை; காட்டப்படும் ரசீது எண்ணைக் குறித்துக்கொள்ளவும்.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Wait 30 seconds and try again.</source>
        <extracomment>Wrong PINs in a row before the PIN pad locks for :data:`PIN_LOCK_MS`.</extracomment>
        <translation>பல முறை தவறான PIN. 30 விநாடிகள் காத்திருந்து மீண்டும் முயலவும்.</translation>
    </message>
    <message>
        <source>That PIN is not right.</source>
        <extracomment>The lock-out after too many wrong PINs is over.</extracomment>
        <translation>அந்த PIN சரியில்லை.</translation>
    </message>
    <message>
        <source>Kiosk locked</source>
        <translation>கியோஸ்க் பூட்டப்பட்டது</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>திற</translation>
    </message>
    <message numerus="yes">
        <source>Too many look-ups just now. Please try again in %n minute(s), or ask a member of staff.</source>
        <translation>
            <numerusform>இப்போது பல தேடல்கள் நடந்துள்ளன. %n நிமிடம் கழித்து மீண்டும் முயலவும், அல்லது ஒரு பணியாளரிடம் கேளுங்கள்.</numerusform>
            <numerusform>இப்போது பல தேடல்கள் நடந்துள்ளன. %n நிமிடங்கள் கழித்து மீண்டும் முயலவும், அல்லது ஒரு பணியாளரிடம் கேளுங்கள்.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogTab</name>
    <message>
        <source>When</source>
        <translation>எப்போது</translation>
    </message>
    <message>
        <source>User</source>
        <translation>பயனர்</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>விவரம்</translation>
    </message>
    <message>
        <source>State</source>
        <translation>நிலை</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>வடிகட்டி:</translation>
    </message>
    <message>
        <source>Text in any column, e.g. mobile, system, Suspended</source>
        <translation>எந்த நெடுவரிசையிலும் உள்ள உரை, எ.கா. mobile, system, Suspended</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>பதிவானது</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 இல் %1</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n பதிவு</numerusform>
            <numerusform>%n பதிவுகள்</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Manage Account — %1</source>
        <extracomment>ExportResult, an exception, or ExportCancelled</extracomment>
        <translation>கணக்கு நிர்வாகம் — %1</translation>
    </message>
    <message>
        <source>Clear all filters</source>
        <translation>எல்லா வடிகட்டிகளையும் நீக்கு</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>Menus and actions with their English text, worded anew on a language change.</extracomment>
        <translation>கோப்பு (&amp;F)</translation>
    </message>
    <message>
        <source>Export to &amp;CSV…</source>
        <translation>CSV ஆக ஏற்றுமதி… (&amp;C)</translation>
    </message>
    <message>
        <source>Export to &amp;Excel…</source>
        <translation>Excel ஆக ஏற்றுமதி… (&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>மூடு (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>காட்சி (&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>புதுப்பி (&amp;R)</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>வடிகட்டிகளை நீக்கு (&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Payments</source>
        <translation>கட்டணங்கள் (&amp;P)</translation>
    </message>
    <message>
        <source>Payments &amp;register…</source>
        <translation>கட்டணப் பதிவேடு… (&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Due list…</source>
        <translation>நிலுவைப் பட்டியல்… (&amp;D)</translation>
    </message>
    <message>
        <source>Day &amp;close…</source>
        <translation>நாள் முடிவு… (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Void requests…</source>
        <translation>செல்லாததாக்கக் கோரிக்கைகள்… (&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Branch day closes…</source>
        <translation>கிளைகளின் நாள் முடிவுகள்… (&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>கருவிகள் (&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>அமைப்புகள்… (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>உதவி (&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard…</source>
        <translation>விசைப்பலகை… (&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>பற்றி (&amp;A)</translation>
    </message>
    <message>
        <source>Preparing demo accounts…</source>
        <translation>மாதிரிக் கணக்குகளைத் தயாரிக்கிறது…</translation>
    </message>
    <message>
        <source>Select an account first: type or scan its Account ID and press Enter.</source>
        <translation>முதலில் ஒரு கணக்கைத் தேர்ந்தெடுக்கவும்: அதன் கணக்கு எண்ணைத் தட்டச்சு அல்லது ஸ்கேன் செய்து Enter அழுத்தவும்.</translation>
    </message>
    <message>
        <source>Your role may not take payments.</source>
        <translation>உங்கள் பணிநிலைக்குப் பணம் பெற அனுமதி இல்லை.</translation>
    </message>
    <message>
        <source>A payment</source>
        <translation>பணம் செலுத்துதல்</translation>
    </message>
    <message>
        <source>%1 is not offered for account %2 now; it offers %3.</source>
        <translation>கணக்கு %2 க்கு இப்போது %1 இல்லை; இருப்பவை: %3.</translation>
    </message>
    <message>
        <source>The list is still loading; export in a moment.</source>
        <translation>பட்டியல் இன்னும் ஏற்றப்படுகிறது; சிறிது நேரத்தில் ஏற்றுமதி செய்யவும்.</translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>ஓர் ஏற்றுமதி ஏற்கெனவே நடக்கிறது.</translation>
    </message>
    <message>
        <source>Exporting %1 accounts…</source>
        <translation>%1 கணக்குகளை ஏற்றுமதி செய்கிறது…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ரத்துசெய்</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>ஏற்றுமதி</translation>
    </message>
    <message>
        <source>Searching…</source>
        <extracomment>How long a notice stays in the status bar.</extracomment>
        <translation>தேடுகிறது…</translation>
    </message>
    <message>
        <source>Loading accounts…</source>
        <translation>கணக்குகளை ஏற்றுகிறது…</translation>
    </message>
    <message>
        <source>The account list could not be read: %1</source>
        <translation>கணக்குப் பட்டியலைப் படிக்க முடியவில்லை: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 account(s)</source>
        <translation>
            <numerusform>%1 கணக்கு</numerusform>
            <numerusform>%1 கணக்குகள்</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>More than %1 of %2 account(s)…</source>
        <translation>
            <numerusform>%2 கணக்கில் %1 க்கும் மேல்…</numerusform>
            <numerusform>%2 கணக்குகளில் %1 க்கும் மேல்…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2 account(s)</source>
        <translation>
            <numerusform>%2 கணக்கில் %1</numerusform>
            <numerusform>%2 கணக்குகளில் %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No accounts match these filters.
Clear the filters to see every account.</source>
        <translation>இந்த வடிகட்டிகளுக்குப் பொருந்தும் கணக்கு இல்லை.
எல்லா கணக்குகளையும் காண வடிகட்டிகளை நீக்கவும்.</translation>
    </message>
    <message>
        <source>The local copy of the accounts is being filled.
Accounts appear here as soon as it is ready.</source>
        <translation>கணக்குகளின் உள்ளூர் நகல் நிரப்பப்படுகிறது.
தயாரானதும் கணக்குகள் இங்கே தோன்றும்.</translation>
    </message>
    <message>
        <source>There are no accounts in the local copy yet.</source>
        <translation>உள்ளூர் நகலில் இன்னும் கணக்குகள் இல்லை.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · Balance %4</source>
        <translation>%1 · %2 · %3 · நிலுவை %4</translation>
    </message>
    <message>
        <source>(pending sync)</source>
        <translation>(ஒத்திசைவு நிலுவையில்)</translation>
    </message>
    <message>
        <source>The scanned code “%1” is not an Account ID (Account IDs are digits only). Scan the barcode on the customer&apos;s receipt or invoice, or type the ID.</source>
        <extracomment>Enter on an exact Account ID: select it once the result for that text is in.</extracomment>
        <translation>ஸ்கேன் செய்த குறியீடு “%1” கணக்கு எண் அல்ல (கணக்கு எண்ணில் இலக்கங்கள் மட்டும்). வாடிக்கையாளரின் ரசீது அல்லது விலைப்பட்டியலில் உள்ள பார்கோடை ஸ்கேன் செய்யவும், அல்லது எண்ணைத் தட்டச்சு செய்யவும்.</translation>
    </message>
    <message>
        <source>No account has the ID %1. Check the number, or search by name or mobile (Down moves to the list).</source>
        <translation>%1 என்ற எண்ணில் கணக்கு இல்லை. எண்ணைச் சரிபார்க்கவும், அல்லது பெயர் அல்லது மொபைல் மூலம் தேடவும் (Down பட்டியலுக்குச் செல்லும்).</translation>
    </message>
    <message>
        <source>Account %1 selected.</source>
        <translation>கணக்கு %1 தேர்ந்தெடுக்கப்பட்டது.</translation>
    </message>
    <message>
        <source>Demo data could not be prepared: %1</source>
        <translation>மாதிரித் தரவைத் தயாரிக்க முடியவில்லை: %1</translation>
    </message>
    <message>
        <source>Export accounts</source>
        <extracomment>An export finished: ExportResult, an exception, or ExportCancelled.</extracomment>
        <translation>கணக்குகளை ஏற்றுமதி செய்</translation>
    </message>
    <message>
        <source>Exported %1 accounts to %2</source>
        <translation>%1 கணக்குகள் %2 க்கு ஏற்றுமதி செய்யப்பட்டன</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>ஏற்றுமதி தோல்வி: %1</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>ஏற்றுமதி ரத்துசெய்யப்பட்டது; எந்தக் கோப்பும் எழுதப்படவில்லை.</translation>
    </message>
    <message>
        <source>A scan (%1) was ignored because a window is open over the account list; nothing was typed or paid. Finish or cancel that window, then scan again.</source>
        <translation>கணக்குப் பட்டியலின் மேல் ஒரு சாளரம் திறந்திருப்பதால் ஸ்கேன் (%1) புறக்கணிக்கப்பட்டது; எதுவும் தட்டச்சாகவோ செலுத்தப்படவோ இல்லை. அந்தச் சாளரத்தை முடிக்கவும் அல்லது ரத்துசெய்யவும், பிறகு மீண்டும் ஸ்கேன் செய்யவும்.</translation>
    </message>
</context>
<context>
    <name>Month</name>
    <message>
        <source>Jan</source>
        <translation>ஜன.</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>பிப்.</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>மார்.</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>ஏப்.</translation>
    </message>
    <message>
        <source>May</source>
        <translation>மே</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>ஜூன்</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>ஜூலை</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>ஆக.</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>செப்.</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>அக்.</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>நவ.</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>டிச.</translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message>
        <source>Order</source>
        <translation>ஆர்டர்</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>திட்டம்</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>ஆர்டர் செய்தது</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>தொடக்கம்</translation>
    </message>
    <message>
        <source>End</source>
        <translation>முடிவு</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>தொகை</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>நிலை</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>செயலில்</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>முடிந்தது</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>ரத்தானது</translation>
    </message>
    <message>
        <source>open-ended</source>
        <translation>முடிவுத் தேதி இல்லை</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s), %1 active.</source>
        <translation>
            <numerusform>%n ஆர்டர், %1 செயலில்.</numerusform>
            <numerusform>%n ஆர்டர்கள், %1 செயலில்.</numerusform>
        </translation>
    </message>
    <message>
        <source>No orders against this account yet.</source>
        <translation>இந்தக் கணக்கில் இன்னும் ஆர்டர்கள் இல்லை.</translation>
    </message>
</context>
<context>
    <name>OutboxUnreadable</name>
    <message>
        <source>A newer version of %1 wrote the outbox, the file that keeps payments and edits until head office has them:
%2

This version cannot use it. It may hold payments head office does not have yet, so it has not been changed. Install the newer version again, or call support. Details are in the log in %3.</source>
        <translation>%1 இன் புதிய பதிப்பு அவுட்பாக்ஸை எழுதியுள்ளது; கட்டணங்களையும் திருத்தங்களையும் தலைமை அலுவலகம் பெறும் வரை வைத்திருக்கும் கோப்பு இது:
%2

இந்தப் பதிப்பால் அதைப் பயன்படுத்த முடியாது. தலைமை அலுவலகத்திடம் இன்னும் இல்லாத கட்டணங்கள் அதில் இருக்கலாம், எனவே அது மாற்றப்படவில்லை. புதிய பதிப்பை மீண்டும் நிறுவவும், அல்லது ஆதரவுக் குழுவை அழைக்கவும். விவரங்கள் %3 இல் உள்ள பதிவில் உள்ளன.</translation>
    </message>
    <message>
        <source>%1 cannot open its outbox, the file that keeps payments and edits until head office has them:
%2

The file is damaged. It may hold payments head office does not have yet, so it has not been changed or deleted. Do not delete it: copy it somewhere safe and call support. Details are in the log in %3.</source>
        <translation>%1 ஆல் அதன் அவுட்பாக்ஸைத் திறக்க முடியவில்லை; கட்டணங்களையும் திருத்தங்களையும் தலைமை அலுவலகம் பெறும் வரை வைத்திருக்கும் கோப்பு இது:
%2

கோப்பு சேதமடைந்துள்ளது. தலைமை அலுவலகத்திடம் இன்னும் இல்லாத கட்டணங்கள் அதில் இருக்கலாம், எனவே அது மாற்றப்படவோ நீக்கப்படவோ இல்லை. அதை நீக்க வேண்டாம்: பாதுகாப்பான இடத்துக்கு நகலெடுத்து ஆதரவுக் குழுவை அழைக்கவும். விவரங்கள் %3 இல் உள்ள பதிவில் உள்ளன.</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>கோப்புறையைத் திற</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>மூடு</translation>
    </message>
</context>
<context>
    <name>PayLaterDialog</name>
    <message>
        <source>Pay later by UPI — account %1</source>
        <translation>பின்னர் யுபிஐ மூலம் செலுத்த — கணக்கு %1</translation>
    </message>
    <message>
        <source>&amp;Thermal printer</source>
        <translation>தெர்மல் அச்சுப்பொறி (&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>அச்சிடு… (&amp;P)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>மூடு</translation>
    </message>
    <message>
        <source>Printing the slip…</source>
        <translation>சீட்டை அச்சிடுகிறது…</translation>
    </message>
    <message>
        <source>Slip printed. Nothing is recorded until the money arrives.</source>
        <translation>சீட்டு அச்சிடப்பட்டது. பணம் வரும் வரை எதுவும் பதிவாகாது.</translation>
    </message>
    <message>
        <source>Could not print: %1</source>
        <translation>அச்சிட முடியவில்லை: %1</translation>
    </message>
</context>
<context>
    <name>PayLaterSlip</name>
    <message>
        <source>PAY LATER BY UPI</source>
        <extracomment>The printer&apos;s QR module size in dots (1-16): 6 makes a ~35 mm code of a UPI intent on 80 mm paper, comfortably scanned by a phone.</extracomment>
        <translation>பின்னர் யுபிஐ மூலம் செலுத்த</translation>
    </message>
    <message>
        <source>Dues</source>
        <translation>நிலுவை</translation>
    </message>
    <message>
        <source>Account ID</source>
        <translation>கணக்கு எண்</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>பெயர்</translation>
    </message>
    <message>
        <source>For</source>
        <translation>எதற்கு</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>தொகை</translation>
    </message>
    <message>
        <source>Pay to</source>
        <translation>பெறுநர்</translation>
    </message>
    <message>
        <source>UPI ref</source>
        <translation>யுபிஐ குறிப்பு</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>வழங்கிய நாள்</translation>
    </message>
    <message>
        <source>Scan with any UPI app and pay the amount shown. This slip is not a receipt: the payment is recorded when it reaches us. Keep the UTR your app shows.</source>
        <translation>எந்த யுபிஐ செயலியிலும் ஸ்கேன் செய்து காட்டிய தொகையைச் செலுத்துங்கள். இந்தச் சீட்டு ரசீது அல்ல: பணம் எங்களை அடைந்ததும் பதிவாகும். உங்கள் செயலி காட்டும் UTR ஐ வைத்துக்கொள்ளுங்கள்.</translation>
    </message>
    <message>
        <source>No receipt printer is set up; set one under Settings → Receipts, or use Print… for another printer.</source>
        <translation>ரசீது அச்சுப்பொறி அமைக்கப்படவில்லை; அமைப்புகள் → ரசீதுகள் இல் அமைக்கவும், அல்லது வேறு அச்சுப்பொறிக்கு அச்சிடு… ஐப் பயன்படுத்தவும்.</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>&amp;Reference:</source>
        <extracomment>The reference row&apos;s label and hint per method (formats: billing.references).</extracomment>
        <translation>குறிப்பு எண் (&amp;R):</translation>
    </message>
    <message>
        <source>UPI &amp;UTR:</source>
        <translation>யுபிஐ UTR (&amp;U):</translation>
    </message>
    <message>
        <source>12 digits from the customer&apos;s app, e.g. 412345678901</source>
        <translation>வாடிக்கையாளர் செயலியில் உள்ள 12 இலக்கங்கள், எ.கா. 412345678901</translation>
    </message>
    <message>
        <source>Approval &amp;code:</source>
        <translation>ஒப்புதல் குறியீடு (&amp;C):</translation>
    </message>
    <message>
        <source>6 characters from the slip (APPR / AUTH CODE)</source>
        <translation>சீட்டிலுள்ள 6 எழுத்துகள் (APPR / AUTH CODE)</translation>
    </message>
    <message>
        <source>Cheque &amp;number:</source>
        <translation>காசோலை எண் (&amp;N):</translation>
    </message>
    <message>
        <source>6 digits, e.g. 004512</source>
        <translation>6 இலக்கங்கள், எ.கா. 004512</translation>
    </message>
    <message>
        <source>Bank &amp;UTR:</source>
        <translation>வங்கி UTR (&amp;U):</translation>
    </message>
    <message>
        <source>IMPS 12 digits, NEFT/RTGS 16-22 characters</source>
        <translation>IMPS 12 இலக்கங்கள், NEFT/RTGS 16-22 எழுத்துகள்</translation>
    </message>
    <message>
        <source>%1 — account %2</source>
        <extracomment>The payment is durable in the outbox (the Mutation, with its receipt number). The idempotency key of this payment, made once, when the dialog opens. Who the UPI QR pays (None: not set up, the QR panel says where to set it). The amount&apos;s preview from the last check (None: the amount is not valid).</extracomment>
        <translation>%1 — கணக்கு %2</translation>
    </message>
    <message numerus="yes">
        <source>(includes %n payment(s) pending sync)</source>
        <translation>
            <numerusform>(ஒத்திசைவு நிலுவையிலுள்ள %n கட்டணம் உட்பட)</numerusform>
            <numerusform>(ஒத்திசைவு நிலுவையிலுள்ள %n கட்டணங்கள் உட்பட)</numerusform>
        </translation>
    </message>
    <message>
        <source>Account ID:</source>
        <translation>கணக்கு எண்:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>பெயர்:</translation>
    </message>
    <message>
        <source>Mobile:</source>
        <translation>மொபைல்:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>மின்னஞ்சல்:</translation>
    </message>
    <message>
        <source>Plan type:</source>
        <translation>திட்ட வகை:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>நிலை:</translation>
    </message>
    <message>
        <source>Current balance:</source>
        <translation>தற்போதைய நிலுவை:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recharge&lt;/b&gt; with %1 — %2 for %3</source>
        <translation>&lt;b&gt;ரீசார்ஜ்&lt;/b&gt;: %1 — %2, %3</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n நாள்</numerusform>
            <numerusform>%n நாட்கள்</numerusform>
        </translation>
    </message>
    <message>
        <source>e.g. 1250.50</source>
        <translation>எ.கா. 1250.50</translation>
    </message>
    <message>
        <source>last 4 digits of the card</source>
        <extracomment>(stored reference, message) of a UTR the desk found already used.</extracomment>
        <translation>கார்டின் கடைசி 4 இலக்கங்கள்</translation>
    </message>
    <message>
        <source>bank the cheque is drawn on</source>
        <translation>காசோலையின் வங்கி</translation>
    </message>
    <message>
        <source>cash handed over (optional)</source>
        <translation>கொடுத்த ரொக்கம் (விருப்பம்)</translation>
    </message>
    <message>
        <source>&amp;Amount (₹):</source>
        <translation>தொகை (₹) (&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>முறை (&amp;M):</translation>
    </message>
    <message>
        <source>Card last &amp;4:</source>
        <translation>கார்டு கடைசி 4 (&amp;4):</translation>
    </message>
    <message>
        <source>Dra&amp;wn on:</source>
        <translation>வங்கி (&amp;W):</translation>
    </message>
    <message>
        <source>Cheque &amp;date:</source>
        <translation>காசோலை தேதி (&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Tendered (₹):</source>
        <translation>கொடுத்தது (₹) (&amp;T):</translation>
    </message>
    <message>
        <source>Change due:</source>
        <translation>திருப்பித் தர வேண்டியது:</translation>
    </message>
    <message>
        <source>After this payment</source>
        <extracomment>The over-payment the tick confirms: another amount asks again.</extracomment>
        <translation>இந்தக் கட்டணத்துக்குப் பிறகு</translation>
    </message>
    <message>
        <source>Customer scans to pay by UPI</source>
        <extracomment>The pause after the last keystroke before the UPI QR is drawn for a new amount. The receipt number was reserved: the dialog checks its fields again. The receipt number the dialog&apos;s payment takes, reserved when the QR first shows. The amount the next draw shows (None: no valid amount).</extracomment>
        <translation>வாடிக்கையாளர் ஸ்கேன் செய்து யுபிஐ மூலம் செலுத்தலாம்</translation>
    </message>
    <message>
        <source>Pay &amp;later by UPI…</source>
        <translation>பின்னர் யுபிஐ மூலம்… (&amp;L)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ரத்துசெய்</translation>
    </message>
    <message>
        <source>Recording…</source>
        <translation>பதிவுசெய்கிறது…</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>பதிவானது</translation>
    </message>
    <message>
        <source>Confirm payment</source>
        <translation>கட்டணத்தை உறுதிசெய்</translation>
    </message>
    <message>
        <source>Confirm advance</source>
        <translation>முன்பணத்தை உறுதிசெய்</translation>
    </message>
    <message>
        <source>Confirm recharge</source>
        <translation>ரீசார்ஜை உறுதிசெய்</translation>
    </message>
    <message>
        <source>The balance changed while this window was open: now %1 (was %2). Check the amount with the customer.</source>
        <translation>இந்தச் சாளரம் திறந்திருந்தபோது நிலுவை மாறியது: இப்போது %1 (முன்பு %2). தொகையை வாடிக்கையாளரிடம் சரிபார்க்கவும்.</translation>
    </message>
    <message>
        <source>Yes, the customer pays %1: keep the extra %2 as advance credit.</source>
        <translation>ஆம், வாடிக்கையாளர் %1 செலுத்துகிறார்: கூடுதல் தொகை %2 முன்பணமாக இருக்கட்டும்.</translation>
    </message>
    <message>
        <source>Enter a valid amount to see its effect.</source>
        <translation>அதன் விளைவைக் காண சரியான தொகையை உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>Print a slip with the UPI QR for this amount; nothing is recorded.</source>
        <translation>இந்தத் தொகைக்கான யுபிஐ QR உடன் ஒரு சீட்டை அச்சிடு; எதுவும் பதிவாகாது.</translation>
    </message>
    <message>
        <source>Set the UPI ID under Settings → UPI QR first.</source>
        <translation>முதலில் அமைப்புகள் → UPI QR இல் யுபிஐ ஐடியை அமைக்கவும்.</translation>
    </message>
    <message>
        <source>No UPI ID is set: set it under Settings → UPI QR to show a QR here.</source>
        <translation>யுபிஐ ஐடி அமைக்கப்படவில்லை: இங்கே QR காட்ட அமைப்புகள் → UPI QR இல் அமைக்கவும்.</translation>
    </message>
    <message>
        <source>Enter a valid amount to show the QR.</source>
        <translation>QR காட்ட சரியான தொகையை உள்ளிடவும்.</translation>
    </message>
    <message>
        <source>No QR: %1 Check Settings → UPI QR.</source>
        <translation>QR இல்லை: %1 அமைப்புகள் → UPI QR ஐச் சரிபார்க்கவும்.</translation>
    </message>
    <message>
        <source>Preparing the QR…</source>
        <translation>QR தயாராகிறது…</translation>
    </message>
    <message>
        <source>No QR: the receipt number could not be reserved (%1).</source>
        <translation>QR இல்லை: ரசீது எண்ணை ஒதுக்க முடியவில்லை (%1).</translation>
    </message>
    <message>
        <source>Receipt No %1</source>
        <translation>ரசீது எண் %1</translation>
    </message>
    <message>
        <source>After the customer pays, type the 12-digit UTR their UPI app shows.</source>
        <translation>வாடிக்கையாளர் செலுத்திய பின், அவரது யுபிஐ செயலி காட்டும் 12 இலக்க UTR ஐத் தட்டச்சு செய்யவும்.</translation>
    </message>
    <message>
        <source>New balance: &lt;b&gt;%1&lt;/b&gt; (advance credit %2)</source>
        <translation>புதிய நிலுவை: &lt;b&gt;%1&lt;/b&gt; (முன்பணம் %2)</translation>
    </message>
    <message>
        <source>New balance: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>புதிய நிலுவை: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Part payment: &lt;b&gt;%1&lt;/b&gt; stays due.</source>
        <translation>பகுதிப் பணம்: &lt;b&gt;%1&lt;/b&gt; நிலுவையில் இருக்கும்.</translation>
    </message>
    <message>
        <source>Advance credit created: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>உருவான முன்பணம்: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Plan valid until &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>திட்டம் &lt;b&gt;%1&lt;/b&gt; வரை செல்லுபடி.</translation>
    </message>
    <message>
        <source>This payment reconnects the suspended account.</source>
        <translation>இந்தக் கட்டணம் இடைநிறுத்தப்பட்ட கணக்கை மீண்டும் இணைக்கும்.</translation>
    </message>
    <message>
        <source>The account stays suspended until it is recharged.</source>
        <translation>ரீசார்ஜ் செய்யும் வரை கணக்கு இடைநிறுத்தத்திலேயே இருக்கும்.</translation>
    </message>
    <message>
        <source>The account stays suspended: an invoice is still unpaid past its grace.</source>
        <translation>கணக்கு இடைநிறுத்தத்திலேயே இருக்கும்: சலுகைக் காலம் கடந்தும் ஒரு விலைப்பட்டியல் செலுத்தப்படவில்லை.</translation>
    </message>
    <message>
        <source>Suspends on &lt;b&gt;%1&lt;/b&gt; unless paid or renewed.</source>
        <translation>செலுத்தாவிட்டால் அல்லது புதுப்பிக்காவிட்டால் &lt;b&gt;%1&lt;/b&gt; அன்று இடைநிறுத்தப்படும்.</translation>
    </message>
    <message>
        <source>No slip: %1 Check Settings → UPI QR.</source>
        <translation>சீட்டு இல்லை: %1 அமைப்புகள் → UPI QR ஐச் சரிபார்க்கவும்.</translation>
    </message>
    <message>
        <source>The payment was NOT recorded: %1. Nothing was saved; try again, and do not hand out a receipt until one is shown.</source>
        <translation>கட்டணம் பதிவாகவில்லை: %1. எதுவும் சேமிக்கப்படவில்லை; மீண்டும் முயலவும், ரசீது காட்டப்படும் வரை ரசீது கொடுக்க வேண்டாம்.</translation>
    </message>
</context>
<context>
    <name>PaymentFlow</name>
    <message>
        <source>%1 is not available now (provisional balance %2); taking %3 instead.</source>
        <extracomment>What happens once a payment is recorded (see the module docstring). The receipt window is on screen (the payment is durable by then). The flow is over (recorded, cancelled or failed); it deletes itself after. Loading failed (e.g. the account is not in the cache); the message is for the user.</extracomment>
        <translation>%1 இப்போது கிடைக்காது (தற்காலிக நிலுவை %2); பதிலாக %3 பெறப்படுகிறது.</translation>
    </message>
    <message>
        <source>Head office refused payment %1 of %2: %3 It is not in the balance; settle it under Needs attention.</source>
        <translation>தலைமை அலுவலகம் கட்டணம் %1 (%2) ஐ மறுத்தது: %3 இது நிலுவையில் சேர்க்கப்படவில்லை; கவனம் தேவை பகுதியில் தீர்க்கவும்.</translation>
    </message>
</context>
<context>
    <name>PaymentKind</name>
    <message>
        <source>Payment</source>
        <translation>கட்டணம்</translation>
    </message>
    <message>
        <source>Advance</source>
        <translation>முன்பணம்</translation>
    </message>
    <message>
        <source>Recharge</source>
        <translation>ரீசார்ஜ்</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>ரொக்கம்</translation>
    </message>
    <message>
        <source>UPI</source>
        <translation>யுபிஐ</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>கார்டு</translation>
    </message>
    <message>
        <source>Cheque</source>
        <translation>காசோலை</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>வங்கிப் பரிமாற்றம்</translation>
    </message>
</context>
<context>
    <name>PaymentsRegister</name>
    <message>
        <source>Payments register</source>
        <extracomment>A query finished and the table shows its rows. An export finished: (kind, path).</extracomment>
        <translation>கட்டணப் பதிவேடு</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>முதல்:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>வரை:</translation>
    </message>
    <message>
        <source>Branch:</source>
        <translation>கிளை:</translation>
    </message>
    <message>
        <source>Zone:</source>
        <translation>மண்டலம்:</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>பகுதி:</translation>
    </message>
    <message>
        <source>Account manager:</source>
        <translation>கணக்கு மேலாளர்:</translation>
    </message>
    <message>
        <source>Payment type:</source>
        <translation>கட்டண வகை:</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>முறை:</translation>
    </message>
    <message>
        <source>Cashier:</source>
        <translation>காசாளர்:</translation>
    </message>
    <message>
        <source>&amp;Reprint receipt</source>
        <translation>ரசீதை மீண்டும் அச்சிடு (&amp;R)</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>CSV ஏற்றுமதி… (&amp;C)</translation>
    </message>
    <message>
        <source>Export &amp;Excel…</source>
        <translation>Excel ஏற்றுமதி… (&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Void…</source>
        <translation>செல்லாததாக்கு… (&amp;V)</translation>
    </message>
    <message>
        <source>C&amp;heque…</source>
        <translation>காசோலை… (&amp;H)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>அனைத்தும்</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>ஏற்றுகிறது…</translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) · total %1</source>
        <translation>
            <numerusform>%n கட்டணம் · மொத்தம் %1</numerusform>
            <numerusform>%n கட்டணங்கள் · மொத்தம் %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending sync</source>
        <translation>
            <numerusform>%n ஒத்திசைவு நிலுவையில்</numerusform>
            <numerusform>%n ஒத்திசைவு நிலுவையில்</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n voided or bounced (not in the totals)</source>
        <translation>
            <numerusform>%n செல்லாதது அல்லது திரும்பியது (மொத்தத்தில் இல்லை)</numerusform>
            <numerusform>%n செல்லாதவை அல்லது திரும்பியவை (மொத்தத்தில் இல்லை)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused by head office (not in the totals): see Needs attention</source>
        <translation>
            <numerusform>%n தலைமை அலுவலகத்தால் மறுக்கப்பட்டது (மொத்தத்தில் இல்லை): கவனம் தேவை பார்க்கவும்</numerusform>
            <numerusform>%n தலைமை அலுவலகத்தால் மறுக்கப்பட்டவை (மொத்தத்தில் இல்லை): கவனம் தேவை பார்க்கவும்</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load payments: %1</source>
        <translation>கட்டணங்களை ஏற்ற முடியவில்லை: %1</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>ஏற்றுமதி ஆகவில்லை: %1</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>ஏற்றுமதி செய்கிறது…</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>%1 க்கு ஏற்றுமதி ஆனது</translation>
    </message>
    <message>
        <source>Export payments</source>
        <translation>கட்டணங்களை ஏற்றுமதி செய்</translation>
    </message>
    <message>
        <source>Select a payment to reprint its receipt.</source>
        <translation>ரசீதை மீண்டும் அச்சிட ஒரு கட்டணத்தைத் தேர்ந்தெடுக்கவும்.</translation>
    </message>
</context>
<context>
    <name>PaymentsTab</name>
    <message>
        <source>Taken</source>
        <translation>பெற்றது</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>தொகை</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>நிலை</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>வகை</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>முறை</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>குறிப்பு எண்</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>ரசீது</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>பெற்றவர்</translation>
    </message>
    <message>
        <source>Balance after</source>
        <translation>பின் நிலுவை</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>ஆவணம்</translation>
    </message>
    <message>
        <source>Voided</source>
        <extracomment>What a reversal or a cheque mark shows in the Status column (billing.reversal.register_mark).</extracomment>
        <translation>செல்லாதது</translation>
    </message>
    <message>
        <source>Cheque bounced</source>
        <translation>காசோலை திரும்பியது</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>வங்கியில் வரவானது</translation>
    </message>
    <message>
        <source>Pending clearance</source>
        <translation>வங்கி வரவு நிலுவையில்</translation>
    </message>
    <message>
        <source>Payment issues</source>
        <translation>கட்டணச் சிக்கல்கள்</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>கட்டணங்கள்</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>பதிவானது</translation>
    </message>
    <message>
        <source>Due now: %1</source>
        <translation>இப்போது நிலுவை: %1</translation>
    </message>
    <message>
        <source>Nothing due; %1 advance credit</source>
        <translation>நிலுவை இல்லை; %1 முன்பணம்</translation>
    </message>
    <message>
        <source>Nothing due</source>
        <translation>நிலுவை இல்லை</translation>
    </message>
    <message numerus="yes">
        <source>%n open invoice(s) (%1)</source>
        <translation>
            <numerusform>%n திறந்த விலைப்பட்டியல் (%1)</numerusform>
            <numerusform>%n திறந்த விலைப்பட்டியல்கள் (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>— the server&apos;s books show %1</source>
        <translation>— சர்வர் கணக்கில் %1</translation>
    </message>
    <message numerus="yes">
        <source>. Provisional: %n payment(s) taken here pending sync (server balance %1).</source>
        <translation>
            <numerusform>. தற்காலிகம்: இங்கு பெற்ற %n கட்டணம் ஒத்திசைவு நிலுவையில் (சர்வர் நிலுவை %1).</numerusform>
            <numerusform>. தற்காலிகம்: இங்கு பெற்ற %n கட்டணங்கள் ஒத்திசைவு நிலுவையில் (சர்வர் நிலுவை %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) recorded, %1 in all.</source>
        <translation>
            <numerusform>%n கட்டணம் பதிவானது, மொத்தம் %1.</numerusform>
            <numerusform>%n கட்டணங்கள் பதிவாயின, மொத்தம் %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) taken on this PC could not be applied by the server; see Needs attention.</source>
        <translation>
            <numerusform>இந்தக் கணினியில் பெற்ற %n கட்டணத்தைச் சர்வர் ஏற்க முடியவில்லை; “கவனம் தேவை” பார்க்கவும்.</numerusform>
            <numerusform>இந்தக் கணினியில் பெற்ற %n கட்டணங்களைச் சர்வர் ஏற்க முடியவில்லை; “கவனம் தேவை” பார்க்கவும்.</numerusform>
        </translation>
    </message>
    <message>
        <source>Payments marked “pending sync” are safely recorded on this PC and will be sent to the server.</source>
        <translation>“ஒத்திசைவு நிலுவையில்” எனக் குறிக்கப்பட்ட கட்டணங்கள் இந்தக் கணினியில் பாதுகாப்பாகப் பதிவாகியுள்ளன, சர்வருக்கு அனுப்பப்படும்.</translation>
    </message>
    <message>
        <source>None: every payment is recorded by the server.</source>
        <translation>எதுவும் இல்லை: ஒவ்வொரு கட்டணமும் சர்வரில் பதிவாகியுள்ளது.</translation>
    </message>
</context>
<context>
    <name>PlanSelectionDialog</name>
    <message>
        <source>Plan</source>
        <translation>திட்டம்</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>வேகம்</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>செல்லுபடி காலம்</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>விலை</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>செலுத்த வேண்டியது</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>செல்லுபடி வரை</translation>
    </message>
    <message>
        <source>Plan selection — account %1</source>
        <translation>திட்டத் தேர்வு — கணக்கு %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) · %3 · balance %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2) · %3 · நிலுவை %4</translation>
    </message>
    <message>
        <source>Current plan</source>
        <translation>தற்போதைய திட்டம்</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br/&gt;%2 Mbps · %3 · %4&lt;br/&gt;Pay %5 · valid until %6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br/&gt;%2 Mbps · %3 · %4&lt;br/&gt;%5 செலுத்தவும் · %6 வரை செல்லுபடி</translation>
    </message>
    <message>
        <source>(now ends %1)</source>
        <translation>(தற்போது %1 அன்று முடிகிறது)</translation>
    </message>
    <message>
        <source>(now ended %1)</source>
        <translation>(தற்போது %1 அன்று முடிந்தது)</translation>
    </message>
    <message>
        <source>&amp;Continue with current plan</source>
        <translation>தற்போதைய திட்டத்துடன் தொடர் (&amp;C)</translation>
    </message>
    <message>
        <source>Or choose another plan:</source>
        <translation>அல்லது வேறு திட்டத்தைத் தேர்ந்தெடுக்கவும்:</translation>
    </message>
    <message>
        <source>No active plan. Choose a plan:</source>
        <translation>செயலில் உள்ள திட்டம் இல்லை. ஒரு திட்டத்தைத் தேர்ந்தெடுக்கவும்:</translation>
    </message>
    <message>
        <source>%1 Mbps</source>
        <translation>%1 Mbps</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ரத்துசெய்</translation>
    </message>
    <message>
        <source>Recharge with &amp;selected plan</source>
        <translation>தேர்ந்த திட்டத்துடன் ரீசார்ஜ் (&amp;S)</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Payment received</source>
        <extracomment>Receipt width: 80 mm thermal paper; the PDF is the same strip, so it reads like the slip.</extracomment>
        <translation>கட்டணம் பெறப்பட்டது</translation>
    </message>
    <message>
        <source>Advance received</source>
        <translation>முன்பணம் பெறப்பட்டது</translation>
    </message>
    <message>
        <source>Recharge</source>
        <translation>ரீசார்ஜ்</translation>
    </message>
    <message>
        <source>Receipt No</source>
        <translation>ரசீது எண்</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>தேதி</translation>
    </message>
    <message>
        <source>Account ID</source>
        <translation>கணக்கு எண்</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>பெயர்</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>மொபைல்</translation>
    </message>
    <message>
        <source>For</source>
        <translation>எதற்கு</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>திட்டம்</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>செல்லுபடி வரை</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>தொகை</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>முறை</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>குறிப்பு எண்</translation>
    </message>
    <message>
        <source>Tendered</source>
        <translation>கொடுத்தது</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>மீதிச் சில்லறை</translation>
    </message>
    <message>
        <source>New balance</source>
        <translation>புதிய நிலுவை</translation>
    </message>
    <message>
        <source>Document No</source>
        <translation>ஆவண எண்</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>காசாளர்</translation>
    </message>
    <message>
        <source>DUPLICATE</source>
        <translation>நகல்</translation>
    </message>
    <message>
        <source>PENDING SYNC</source>
        <translation>ஒத்திசைவு நிலுவையில்</translation>
    </message>
    <message>
        <source>Recorded on this counter; it reaches head office when the link is up. Balance shown is provisional.</source>
        <translation>இந்தக் கவுண்டரில் பதிவானது; இணைப்பு வந்ததும் தலைமை அலுவலகத்தை அடையும். காட்டிய நிலுவை தற்காலிகமானது.</translation>
    </message>
    <message>
        <source>RECEIPT</source>
        <translation>ரசீது</translation>
    </message>
    <message>
        <source>Thank you.</source>
        <translation>நன்றி.</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>ரசீது %1</translation>
    </message>
    <message>
        <source>No receipt printer is set up; set one under Settings → Receipt printer.</source>
        <translation>ரசீது அச்சுப்பொறி அமைக்கப்படவில்லை; அமைப்புகள் → ரசீது அச்சுப்பொறி இல் அமைக்கவும்.</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <source>Receipt %1</source>
        <extracomment>A job finished: &quot;pdf&quot;, &quot;escpos&quot;, &quot;printer&quot;; with the file path or receipt number. The cashier asks to recharge this (prepaid) account straight after a Payment.</extracomment>
        <translation>ரசீது %1</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>அச்சிடு… (&amp;P)</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>PDF ஆகச் சேமி… (&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Thermal printer</source>
        <translation>தெர்மல் அச்சுப்பொறி (&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Recharge now</source>
        <translation>இப்போது ரீசார்ஜ் (&amp;R)</translation>
    </message>
    <message>
        <source>&amp;GST voucher…</source>
        <translation>ஜிஎஸ்டி வவுச்சர்… (&amp;G)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>மூடு</translation>
    </message>
    <message>
        <source>Head office confirmed this payment; prints from now on say so.</source>
        <translation>தலைமை அலுவலகம் இந்தக் கட்டணத்தை உறுதிசெய்தது; இனி அச்சிடுபவை அதைக் காட்டும்.</translation>
    </message>
    <message>
        <source>Saving PDF…</source>
        <translation>PDF சேமிக்கிறது…</translation>
    </message>
    <message>
        <source>Printing receipt…</source>
        <translation>ரசீதை அச்சிடுகிறது…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 சேமிக்கப்பட்டது</translation>
    </message>
    <message>
        <source>Printed on the receipt printer.</source>
        <translation>ரசீது அச்சுப்பொறியில் அச்சிடப்பட்டது.</translation>
    </message>
    <message>
        <source>Could not print: %1</source>
        <translation>அச்சிட முடியவில்லை: %1</translation>
    </message>
    <message>
        <source>Save receipt</source>
        <translation>ரசீதைச் சேமி</translation>
    </message>
</context>
<context>
    <name>RefusalCode</name>
    <message>
        <source>The cashier who asks for a reversal cannot approve it. Ask a branch supervisor or an administrator to sign in here with their own name and password.</source>
        <translation>திரும்பப் பெறுதலைக் கேட்கும் காசாளர் அதை ஒப்புதல் அளிக்க முடியாது. கிளை மேற்பார்வையாளர் அல்லது நிர்வாகி தமது சொந்தப் பெயர், கடவுச்சொல்லுடன் இங்கே உள்நுழையச் சொல்லவும்.</translation>
    </message>
    <message>
        <source>This approver may not approve reversals; only branch staff or an administrator of this branch may.</source>
        <translation>இவர் திரும்பப் பெறுதலுக்கு ஒப்புதல் அளிக்க முடியாது; இந்தக் கிளையின் பணியாளர் அல்லது நிர்வாகி மட்டுமே அளிக்கலாம்.</translation>
    </message>
    <message>
        <source>This receipt was taken in another branch; only that branch may reverse it.</source>
        <translation>இந்த ரசீது வேறு கிளையில் பெறப்பட்டது; அந்தக் கிளை மட்டுமே திரும்பப் பெறலாம்.</translation>
    </message>
    <message>
        <source>This receipt is already reversed; a payment is reversed once.</source>
        <translation>இந்த ரசீது ஏற்கெனவே திரும்பப் பெறப்பட்டது; ஒரு கட்டணம் ஒருமுறை மட்டுமே திரும்பப் பெறப்படும்.</translation>
    </message>
    <message>
        <source>This receipt was not paid by cheque; only a cheque is cleared or bounces. Use a void for a mistaken payment.</source>
        <translation>இந்த ரசீது காசோலையில் செலுத்தப்படவில்லை; காசோலை மட்டுமே பணமாகும் அல்லது திரும்பும். தவறான கட்டணத்தைச் செல்லாததாக்கவும்.</translation>
    </message>
    <message>
        <source>This receipt belongs to a cash session that is closed; only payments of the current session can be voided. Ask head office for a refund instead.</source>
        <translation>இந்த ரசீது மூடப்பட்ட பண அமர்வைச் சேர்ந்தது; தற்போதைய அமர்வின் கட்டணங்களை மட்டுமே செல்லாததாக்க முடியும். பதிலாகத் தலைமை அலுவலகத்திடம் பணத் திருப்பம் கேட்கவும்.</translation>
    </message>
    <message>
        <source>Say why the payment is reversed (for example: wrong account).</source>
        <translation>கட்டணம் ஏன் திரும்பப் பெறப்படுகிறது எனக் கூறவும் (எ.கா.: தவறான கணக்கு).</translation>
    </message>
    <message>
        <source>The reason is too long; shorten it.</source>
        <translation>காரணம் மிக நீளமாக உள்ளது; சுருக்கவும்.</translation>
    </message>
    <message>
        <source>This receipt has not reached the server yet; sync first, or ask a supervisor to approve here with their password.</source>
        <translation>இந்த ரசீது இன்னும் சர்வரை அடையவில்லை; முதலில் ஒத்திசைக்கவும், அல்லது மேற்பார்வையாளரை இங்கேயே தங்கள் கடவுச்சொல்லுடன் ஒப்புதல் அளிக்கச் சொல்லவும்.</translation>
    </message>
    <message>
        <source>Wrong username or password for the approver, or they have not signed in on this PC lately. Ask them to type it again.</source>
        <translation>ஒப்புதல் அளிப்பவரின் பயனர் பெயர் அல்லது கடவுச்சொல் தவறு, அல்லது அவர் சமீபத்தில் இந்தக் கணினியில் உள்நுழையவில்லை. மீண்டும் தட்டச்சு செய்யச் சொல்லவும்.</translation>
    </message>
    <message>
        <source>The supervisor types their username and password.</source>
        <translation>மேற்பார்வையாளர் தமது பயனர்பெயரையும் கடவுச்சொல்லையும் தட்டச்சு செய்ய வேண்டும்.</translation>
    </message>
    <message>
        <source>The server cannot be reached or you are not signed in online; this needs the server. Sign in online and try again.</source>
        <translation>சர்வரை அணுக முடியவில்லை அல்லது நீங்கள் இணைப்பில் உள்நுழையவில்லை; இதற்குச் சர்வர் தேவை. இணைப்பில் உள்நுழைந்து மீண்டும் முயலவும்.</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be read; try again, and tell head office if it keeps happening.</source>
        <translation>சர்வரின் பதிலைப் படிக்க முடியவில்லை; மீண்டும் முயலவும், தொடர்ந்து நடந்தால் தலைமை அலுவலகத்திடம் தெரிவிக்கவும்.</translation>
    </message>
    <message>
        <source>A reversal of this receipt already waits for a supervisor.</source>
        <translation>இந்த ரசீதின் திரும்பப் பெறுதல் ஏற்கெனவே ஒரு மேற்பார்வையாளருக்காகக் காத்திருக்கிறது.</translation>
    </message>
    <message>
        <source>This request was already decided at another desk; refresh the list.</source>
        <translation>இந்தக் கோரிக்கை ஏற்கெனவே வேறொரு மேசையில் முடிவு செய்யப்பட்டது; பட்டியலைப் புதுப்பிக்கவும்.</translation>
    </message>
    <message>
        <source>The cashier who asked cannot sign in any more; decline the request, and ask for the reversal again from an active cashier.</source>
        <translation>கேட்ட காசாளர் இனி உள்நுழைய முடியாது; கோரிக்கையை நிராகரித்து, செயலில் உள்ள காசாளரிடமிருந்து திரும்பப் பெறுதலை மீண்டும் கோரவும்.</translation>
    </message>
    <message>
        <source>This UTR was already used by another receipt; one UTR pays once. Ask the customer for the UTR of this payment in their payment app; if it is the same payment, do not take it again.</source>
        <translation>இந்த UTR ஏற்கெனவே வேறு ரசீதில் பயன்பட்டது; ஒரு UTR ஒருமுறை மட்டுமே. வாடிக்கையாளரின் கட்டணச் செயலியில் இந்தக் கட்டணத்தின் UTR ஐக் கேட்கவும்; அதே கட்டணம் என்றால் மீண்டும் பெற வேண்டாம்.</translation>
    </message>
    <message>
        <source>The server does not have this (it may not be synced yet, or it was removed). Sync, refresh and try again.</source>
        <translation>இது சர்வரில் இல்லை (இன்னும் ஒத்திசைக்கப்படாமல் இருக்கலாம், அல்லது நீக்கப்பட்டிருக்கலாம்). ஒத்திசைத்து, புதுப்பித்து, மீண்டும் முயற்சிக்கவும்.</translation>
    </message>
    <message>
        <source>Your role may not do this on the server. Ask a branch supervisor or an administrator.</source>
        <translation>உங்கள் பொறுப்புக்கு சர்வரில் இதைச் செய்ய அனுமதி இல்லை. கிளை மேற்பார்வையாளரையோ நிர்வாகியையோ கேட்கவும்.</translation>
    </message>
    <message>
        <source>This clashes with what the server already has; refresh and try again.</source>
        <translation>இது சர்வரில் ஏற்கெனவே உள்ளதுடன் முரண்படுகிறது; புதுப்பித்து மீண்டும் முயற்சிக்கவும்.</translation>
    </message>
    <message>
        <source>The server could not accept what was sent; check what you typed and try again.</source>
        <translation>அனுப்பியதை சர்வர் ஏற்கவில்லை; தட்டச்சு செய்ததைச் சரிபார்த்து மீண்டும் முயற்சிக்கவும்.</translation>
    </message>
    <message>
        <source>Your sign-in on the server has ended; sign in again.</source>
        <translation>சர்வரில் உங்கள் உள்நுழைவு முடிந்துவிட்டது; மீண்டும் உள்நுழையவும்.</translation>
    </message>
    <message>
        <source>This sign-in belongs to another PC; sign in again on this PC.</source>
        <translation>இந்த உள்நுழைவு வேறொரு கணினிக்கு உரியது; இந்தக் கணினியில் மீண்டும் உள்நுழையவும்.</translation>
    </message>
    <message>
        <source>The server asks this desk to sync everything again; sync now, then try again.</source>
        <translation>எல்லாவற்றையும் மீண்டும் ஒத்திசைக்குமாறு சர்வர் கேட்கிறது; இப்போது ஒத்திசைத்து, பின் மீண்டும் முயற்சிக்கவும்.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins; wait a few minutes and try again.</source>
        <translation>பலமுறை உள்நுழைவு தோல்வியடைந்தது; சில நிமிடங்கள் காத்திருந்து மீண்டும் முயற்சிக்கவும்.</translation>
    </message>
    <message>
        <source>Too many tries in a short time; wait a minute and try again.</source>
        <translation>குறுகிய நேரத்தில் அதிக முயற்சிகள்; ஒரு நிமிடம் காத்திருந்து மீண்டும் முயற்சிக்கவும்.</translation>
    </message>
    <message>
        <source>What was sent is too large for the server.</source>
        <translation>அனுப்பியது சர்வருக்கு மிகப் பெரியது.</translation>
    </message>
    <message>
        <source>The server hit an unexpected error; try again, and tell head office if it keeps happening.</source>
        <translation>சர்வரில் எதிர்பாராத பிழை ஏற்பட்டது; மீண்டும் முயற்சிக்கவும், தொடர்ந்து நடந்தால் தலைமை அலுவலகத்துக்குத் தெரிவிக்கவும்.</translation>
    </message>
    <message>
        <source>The server answered with an error; try again, and tell head office if it keeps happening.</source>
        <translation>சர்வர் பிழையுடன் பதிலளித்தது; மீண்டும் முயற்சிக்கவும், தொடர்ந்து நடந்தால் தலைமை அலுவலகத்துக்குத் தெரிவிக்கவும்.</translation>
    </message>
</context>
<context>
    <name>RegisterMark</name>
    <message>
        <source>Voided</source>
        <translation>செல்லாதது</translation>
    </message>
    <message>
        <source>Cheque bounced</source>
        <translation>காசோலை திரும்பியது</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>பணமானது</translation>
    </message>
    <message>
        <source>Pending clearance</source>
        <translation>வங்கியில் நிலுவையில்</translation>
    </message>
</context>
<context>
    <name>RegisterTableModel</name>
    <message>
        <source>Document Date</source>
        <translation>ஆவணத் தேதி</translation>
    </message>
    <message>
        <source>Document No</source>
        <translation>ஆவண எண்</translation>
    </message>
    <message>
        <source>Account ID</source>
        <translation>கணக்கு எண்</translation>
    </message>
    <message>
        <source>Contact Name</source>
        <translation>தொடர்புப் பெயர்</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>மொபைல்</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>மின்னஞ்சல்</translation>
    </message>
    <message>
        <source>Payment Type</source>
        <translation>கட்டண வகை</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>முறை</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>தொகை</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>காசாளர்</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>நிலை</translation>
    </message>
    <message>
        <source>part advance</source>
        <translation>பகுதி முன்பணம்</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>மறுக்கப்பட்டது: %1</translation>
    </message>
    <message>
        <source>Applied as %1</source>
        <translation>%1 ஆகச் சேர்க்கப்பட்டது</translation>
    </message>
    <message>
        <source>Pending sync</source>
        <translation>ஒத்திசைவு நிலுவையில்</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>ஒத்திசைந்தது</translation>
    </message>
    <message>
        <source>Head office refused this payment: %1</source>
        <extracomment>payment_uuid → this desk&apos;s void / bounce / cleared mark (db.reversals_local).</extracomment>
        <translation>தலைமை அலுவலகம் இந்தக் கட்டணத்தை மறுத்தது: %1</translation>
    </message>
    <message>
        <source>Head office %1</source>
        <translation>தலைமை அலுவலகம்: %1</translation>
    </message>
    <message>
        <source>Head office applied it differently</source>
        <translation>தலைமை அலுவலகம் இதை வேறு விதமாகச் சேர்த்தது</translation>
    </message>
</context>
<context>
    <name>ReversalActions</name>
    <message>
        <source>Select a payment first.</source>
        <translation>முதலில் ஒரு கட்டணத்தைத் தேர்ந்தெடுக்கவும்.</translation>
    </message>
    <message>
        <source>That payment is not on this PC yet; sync and try again.</source>
        <translation>அந்தக் கட்டணம் இன்னும் இந்தக் கணினியில் இல்லை; ஒத்திசைத்து மீண்டும் முயலவும்.</translation>
    </message>
    <message>
        <source>Receipt %1 was paid by %2, not by cheque; only a cheque is cleared or bounces.</source>
        <translation>ரசீது %1, %2 மூலம் செலுத்தப்பட்டது, காசோலையில் அல்ல; காசோலை மட்டுமே பணமாகும் அல்லது திரும்பும்.</translation>
    </message>
    <message>
        <source>Could not open the payment: %1</source>
        <translation>கட்டணத்தைத் திறக்க முடியவில்லை: %1</translation>
    </message>
</context>
<context>
    <name>ReversalDialog</name>
    <message>
        <source>Void payment — receipt %1</source>
        <extracomment>The reversal was queued in the outbox (the Mutation).</extracomment>
        <translation>கட்டணத்தைச் செல்லாததாக்கு — ரசீது %1</translation>
    </message>
    <message>
        <source>Cheque bounced — receipt %1</source>
        <translation>காசோலை திரும்பியது — ரசீது %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; by %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2</translation>
    </message>
    <message>
        <source>Account %1 · %2</source>
        <translation>கணக்கு %1 · %2</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>ரசீது %1</translation>
    </message>
    <message>
        <source>Taken %1 by %2</source>
        <translation>%1 அன்று %2 பெற்றது</translation>
    </message>
    <message>
        <source>The amount goes back on the account as owed; the payment stays in the ledger, marked Voided, with a reversal entry.</source>
        <translation>தொகை மீண்டும் கணக்கில் நிலுவையாகச் சேரும்; கட்டணம் பேரேட்டில் ‘செல்லாதது’ எனக் குறிக்கப்பட்டு, திரும்பப் பெறுதல் பதிவுடன் இருக்கும்.</translation>
    </message>
    <message>
        <source>The amount and the bank&apos;s charge (head office&apos;s setting, %1 unless changed) go back on the account as owed; suspension follows the usual dates.</source>
        <translation>தொகையும் வங்கிக் கட்டணமும் (தலைமை அலுவலக அமைப்பு, மாற்றாவிட்டால் %1) மீண்டும் கணக்கில் நிலுவையாகச் சேரும்; இடைநிறுத்தம் வழக்கமான தேதிகளில் நடக்கும்.</translation>
    </message>
    <message>
        <source>wrong account / wrong amount</source>
        <translation>தவறான கணக்கு / தவறான தொகை</translation>
    </message>
    <message>
        <source>insufficient funds / signature differs</source>
        <translation>போதிய பணம் இல்லை / கையொப்பம் மாறுபடுகிறது</translation>
    </message>
    <message>
        <source>supervisor&apos;s username</source>
        <translation>மேற்பார்வையாளரின் பயனர் பெயர்</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>காரணம் (&amp;R):</translation>
    </message>
    <message>
        <source>Approved by (&amp;username):</source>
        <translation>ஒப்புதல் அளிப்பவர் (பயனர் பெயர்) (&amp;U):</translation>
    </message>
    <message>
        <source>Their &amp;password:</source>
        <translation>அவரது கடவுச்சொல் (&amp;P):</translation>
    </message>
    <message>
        <source>A branch supervisor or an administrator types their own name and password. The cashier who asks cannot approve.</source>
        <translation>கிளை மேற்பார்வையாளர் அல்லது நிர்வாகி தமது சொந்தப் பெயரையும் கடவுச்சொல்லையும் தட்டச்சு செய்வார். கேட்கும் காசாளர் ஒப்புதல் அளிக்க முடியாது.</translation>
    </message>
    <message>
        <source>&amp;Approve and void</source>
        <translation>ஒப்புதல் அளித்து செல்லாததாக்கு (&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Approve: cheque bounced</source>
        <translation>ஒப்புதல்: காசோலை திரும்பியது (&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Send to a supervisor&apos;s desk</source>
        <translation>மேற்பார்வையாளர் மேசைக்கு அனுப்பு (&amp;S)</translation>
    </message>
    <message>
        <source>No supervisor here? They approve or decline it at their own desk (Payments → Void requests…); no password is typed on this PC.</source>
        <translation>மேற்பார்வையாளர் இங்கு இல்லையா? அவர் தம் மேசையிலேயே ஒப்புதல் அளிப்பார் அல்லது நிராகரிப்பார் (கட்டணங்கள் → செல்லாததாக்கக் கோரிக்கைகள்…); இந்தக் கணினியில் கடவுச்சொல் தட்டச்சு செய்ய வேண்டியதில்லை.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ரத்துசெய்</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>அனுப்புகிறது…</translation>
    </message>
    <message>
        <source>Receipt %1 sent to a supervisor: it is reversed when they approve it at their desk, and shows here with the next sync.</source>
        <translation>ரசீது %1 மேற்பார்வையாளருக்கு அனுப்பப்பட்டது: அவர் தம் மேசையில் ஒப்புதல் அளித்ததும் திரும்பப் பெறப்படும்; அடுத்த ஒத்திசைவில் இங்கு தெரியும்.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>சரிபார்க்கிறது…</translation>
    </message>
    <message>
        <source>Reversal recorded; no GST document: %1</source>
        <translation>திரும்பப் பெறுதல் பதிவானது; ஜிஎஸ்டி ஆவணம் இல்லை: %1</translation>
    </message>
    <message>
        <source>Nothing was reversed: %1</source>
        <translation>எதுவும் திரும்பப் பெறப்படவில்லை: %1</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Starting the demo server…</source>
        <extracomment>Emitted when the app should quit (sign-in cancelled, demo server failed). A kiosk signs in as a device; set by the app for --kiosk.</extracomment>
        <translation>டெமோ சர்வர் தொடங்குகிறது…</translation>
    </message>
    <message>
        <source>The demo server could not start: %1</source>
        <translation>டெமோ சர்வர் தொடங்கவில்லை: %1</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>ஒத்திசைவு</translation>
    </message>
    <message>
        <source>Your sign-in has expired or was ended on the server; sign in again to keep syncing.</source>
        <translation>உங்கள் உள்நுழைவு காலாவதியானது அல்லது சர்வரில் முடிக்கப்பட்டது; ஒத்திசைவு தொடர மீண்டும் உள்நுழையவும்.</translation>
    </message>
    <message>
        <source>Sign-out failed: %1</source>
        <translation>வெளியேற முடியவில்லை: %1</translation>
    </message>
    <message>
        <source>You are signed out. The local copy of the accounts was removed; changes waiting to be sent are kept.</source>
        <translation>நீங்கள் வெளியேறினீர்கள். கணக்குகளின் உள்ளூர் நகல் நீக்கப்பட்டது; அனுப்பக் காத்திருக்கும் மாற்றங்கள் வைக்கப்பட்டுள்ளன.</translation>
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
        <source>After a payment</source>
        <translation>பணம் செலுத்திய பின்</translation>
    </message>
    <message>
        <source>Pay key</source>
        <translation>கட்டண விசை</translation>
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
        <source>UPI ID paid by the QR</source>
        <translation>QR செலுத்தும் யுபிஐ ஐடி</translation>
    </message>
    <message>
        <source>UPI payee name</source>
        <translation>யுபிஐ பெறுநர் பெயர்</translation>
    </message>
    <message>
        <source>UPI payment-status address</source>
        <translation>யுபிஐ கட்டண நிலை முகவரி</translation>
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
        <source>Counter</source>
        <translation>கவுண்டர்</translation>
    </message>
    <message>
        <source>Show the receipt; Quick Search is ready at once</source>
        <translation>ரசீதைக் காட்டு; விரைவுத் தேடல் உடனே தயார்</translation>
    </message>
    <message>
        <source>Print the receipt at once (thermal printer)</source>
        <translation>ரசீதை உடனே அச்சிடு (வெப்ப அச்சுப்பொறி)</translation>
    </message>
    <message>
        <source>Open the receipt window (Esc closes it)</source>
        <translation>ரசீது சாளரத்தைத் திற (Esc மூடும்)</translation>
    </message>
    <message>
        <source>The key that opens the selected account&apos;s first payment option. Click here and press the key.</source>
        <translation>தேர்ந்தெடுத்த கணக்கின் முதல் கட்டண வாய்ப்பைத் திறக்கும் விசை. இங்கே சொடுக்கி விசையை அழுத்தவும்.</translation>
    </message>
    <message>
        <source>GST</source>
        <translation>ஜிஎஸ்டி</translation>
    </message>
    <message>
        <source>GST &amp;details of the operator…</source>
        <translation>இயக்குநரின் ஜிஎஸ்டி விவரங்கள்… (&amp;D)</translation>
    </message>
    <message>
        <source>UPI QR (counter and kiosk)</source>
        <translation>யுபிஐ QR (கவுண்டர், கியோஸ்க்)</translation>
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
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in — %1</source>
        <translation>உள்நுழை — %1</translation>
    </message>
    <message>
        <source>Sign in to the partner portal</source>
        <translation>பங்குதாரர் போர்ட்டலில் உள்நுழையவும்</translation>
    </message>
    <message>
        <source>This PC is a kiosk: sign in with its device code</source>
        <translation>இந்தக் கணினி ஒரு கியோஸ்க்: அதன் சாதனக் குறியீட்டுடன் உள்நுழையவும்</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>சர்வர்</translation>
    </message>
    <message>
        <source>Demo server — choose a role to try it as:</source>
        <translation>டெமோ சர்வர் — முயற்சிக்க ஒரு பங்கைத் தேர்ந்தெடுக்கவும்:</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>உள்நுழைகிறது…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>உள்நுழை</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ரத்துசெய்</translation>
    </message>
    <message>
        <source>Password: %1</source>
        <translation>கடவுச்சொல்: %1</translation>
    </message>
    <message>
        <source>Device code</source>
        <translation>சாதனக் குறியீடு</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>பயனர் பெயர்</translation>
    </message>
    <message>
        <source>Device secret</source>
        <translation>சாதன ரகசியம்</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>கடவுச்சொல்</translation>
    </message>
    <message>
        <source>e.g. KIOSKCBE1</source>
        <translation>எ.கா. KIOSKCBE1</translation>
    </message>
    <message>
        <source>e.g. staff.cbe</source>
        <translation>எ.கா. staff.cbe</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>உள்நுழைவு தோல்வி: %1</translation>
    </message>
</context>
<context>
    <name>SyncEngine</name>
    <message>
        <source>rows (%1 accounts)</source>
        <extracomment>Probe delays while offline (seconds), the last one repeating. A :class:`SyncStatus` (GUI thread). Pull progress: rows received, rows expected (0 = unknown), a label with the accounts. A finished cycle&apos;s :class:`SyncOutcome`. Long-polls that failed in a row (their next cycle comes after a probe delay). The long-poll for other desks&apos; changes (GET /sync/wait) while one is out. Push each write at once (else at the next timer). Wait on the server for other desks&apos; changes; False: the timer only (also once the server showed it has no live changes, an older server).</extracomment>
        <translation>வரிகள் (%1 கணக்குகள்)</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Never synced</source>
        <translation>இதுவரை ஒத்திசைக்கவில்லை</translation>
    </message>
    <message>
        <source>Synced just now</source>
        <translation>இப்போதுதான் ஒத்திசைந்தது</translation>
    </message>
    <message>
        <source>Synced %1 min ago</source>
        <translation>%1 நிமி. முன் ஒத்திசைந்தது</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>கடைசி ஒத்திசைவு %1</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Not synced yet</source>
        <extracomment>The user pressed &quot;Sign out&quot; (the session decides whether it may happen).</extracomment>
        <translation>இன்னும் ஒத்திசைக்கவில்லை</translation>
    </message>
    <message>
        <source>Nothing waiting to send</source>
        <translation>அனுப்பக் காத்திருப்பது எதுவும் இல்லை</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>இப்போது ஒத்திசை</translation>
    </message>
    <message>
        <source>Send waiting changes and fetch the latest from the server</source>
        <translation>காத்திருக்கும் மாற்றங்களை அனுப்பி, சர்வரிலிருந்து புதியவற்றைப் பெறு</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>வெளியேறு</translation>
    </message>
    <message>
        <source>Sign out and remove the local copy of the accounts (waiting changes are kept)</source>
        <translation>வெளியேறி, கணக்குகளின் உள்ளூர் நகலை நீக்கு (காத்திருக்கும் மாற்றங்கள் வைக்கப்படும்)</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>என்னுடையதை வை</translation>
    </message>
    <message>
        <source>Send your edit again over the server&apos;s current values</source>
        <translation>சர்வரின் தற்போதைய மதிப்புகளின் மேல் உங்கள் திருத்தத்தை மீண்டும் அனுப்பு</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>சர்வருடையதை எடு</translation>
    </message>
    <message>
        <source>Drop your edit; keep what the server has</source>
        <translation>உங்கள் திருத்தத்தைக் கைவிடு; சர்வரில் உள்ளதை வை</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>மீண்டும் அனுப்பு</translation>
    </message>
    <message>
        <source>Send this refused change to the server again, unchanged</source>
        <translation>மறுக்கப்பட்ட இந்த மாற்றத்தை மாற்றாமல் சர்வருக்கு மீண்டும் அனுப்பு</translation>
    </message>
    <message>
        <source>Needs attention (%1)</source>
        <translation>கவனம் தேவை (%1)</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>ஒத்திசைக்கிறது…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>இணைக்கிறது…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>இணைப்பில்லை</translation>
    </message>
    <message>
        <source>Sign-in needed</source>
        <translation>உள்நுழைவு தேவை</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>இணைப்பில்</translation>
    </message>
    <message numerus="yes">
        <source>%1 change(s) waiting to send</source>
        <translation>
            <numerusform>%1 மாற்றம் அனுப்பக் காத்திருக்கிறது</numerusform>
            <numerusform>%1 மாற்றங்கள் அனுப்பக் காத்திருக்கின்றன</numerusform>
        </translation>
    </message>
    <message>
        <source>Initial sync: %1 of %2 %3</source>
        <translation>முதல் ஒத்திசைவு: %2 இல் %1 %3</translation>
    </message>
    <message>
        <source>Initial sync: %1 %2</source>
        <translation>முதல் ஒத்திசைவு: %1 %2</translation>
    </message>
    <message>
        <source>%1 rows/s</source>
        <translation>%1 வரிகள்/வி</translation>
    </message>
</context>
<context>
    <name>TagsTab</name>
    <message>
        <source>Tags on this account</source>
        <translation>இந்தக் கணக்கின் குறிச்சொற்கள்</translation>
    </message>
    <message>
        <source>Remove selected tag</source>
        <translation>தேர்ந்த குறிச்சொல்லை நீக்கு</translation>
    </message>
    <message>
        <source>Add:</source>
        <translation>சேர்:</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>குறிச்சொல் சேர்</translation>
    </message>
    <message>
        <source>Tags come from a shared list: those for all branches plus this branch&apos;s own.</source>
        <translation>குறிச்சொற்கள் பகிரப்பட்ட பட்டியலிலிருந்து வருகின்றன: எல்லாக் கிளைகளுக்குமானவையும் இந்தக் கிளைக்கே உரியவையும்.</translation>
    </message>
    <message>
        <source>Your role may view tags but not change them.</source>
        <translation>உங்கள் பங்கிற்குக் குறிச்சொற்களைப் பார்க்க மட்டுமே அனுமதி, மாற்ற அல்ல.</translation>
    </message>
    <message>
        <source>(pending sync)</source>
        <translation>(ஒத்திசைவு நிலுவையில்)</translation>
    </message>
    <message>
        <source>No tags yet.</source>
        <translation>இன்னும் குறிச்சொற்கள் இல்லை.</translation>
    </message>
    <message>
        <source>Tag added; pending sync with the server.</source>
        <translation>குறிச்சொல் சேர்க்கப்பட்டது; சர்வருடன் ஒத்திசைவு நிலுவையில்.</translation>
    </message>
    <message>
        <source>Tag removed; pending sync with the server.</source>
        <translation>குறிச்சொல் நீக்கப்பட்டது; சர்வருடன் ஒத்திசைவு நிலுவையில்.</translation>
    </message>
</context>
<context>
    <name>TimeAgo</name>
    <message>
        <source>just now</source>
        <translation>இப்போதுதான்</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n நிமி. முன்</numerusform>
            <numerusform>%n நிமி. முன்</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n மணி. முன்</numerusform>
            <numerusform>%n மணி. முன்</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n நாள் முன்</numerusform>
            <numerusform>%n நாட்கள் முன்</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) ago</source>
        <translation>
            <numerusform>%n மாதம் முன்</numerusform>
            <numerusform>%n மாதங்கள் முன்</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VoidRequestsDialog</name>
    <message>
        <source>Void requests</source>
        <extracomment>The list arrived (or its refusal). A request was decided (the VoidRequest as the server answered).</extracomment>
        <translation>செல்லாததாக்கக் கோரிக்கைகள்</translation>
    </message>
    <message>
        <source>Voids and cheque bounces cashiers asked for. Approving reverses the payment now, on the server, under your name; declining reverses nothing. You cannot decide a request of your own.</source>
        <translation>காசாளர்கள் செல்லாததாக்கக் கேட்ட கட்டணங்களும் திரும்பிய காசோலைகளும். ஒப்புதல் அளித்தால் கட்டணம் உங்கள் பெயரில் இப்போதே சர்வரில் திரும்பப் பெறப்படும்; நிராகரித்தால் எதுவும் திரும்பப் பெறப்படாது. உங்கள் சொந்தக் கோரிக்கையை நீங்கள் முடிவு செய்ய முடியாது.</translation>
    </message>
    <message>
        <source>The voids and cheque bounces you asked a supervisor for, the newest first. When one is approved, open its GST document here (credit note or refund voucher) and give it to the customer.</source>
        <translation>நீங்கள் மேற்பார்வையாளரிடம் கேட்ட செல்லாததாக்கல்களும் காசோலை திரும்புதல்களும், புதியவை முதலில். ஒன்றுக்கு ஒப்புதல் கிடைத்ததும், அதன் ஜிஎஸ்டி ஆவணத்தை (கிரெடிட் நோட் அல்லது பணத் திருப்ப வவுச்சர்) இங்கே திறந்து வாடிக்கையாளரிடம் கொடுக்கவும்.</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>ரசீது</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>கணக்கு</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>தொகை</translation>
    </message>
    <message>
        <source>Asked for</source>
        <translation>கோரியது</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>காரணம்</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>கோரியவர்</translation>
    </message>
    <message>
        <source>Asked at</source>
        <translation>கோரிய நேரம்</translation>
    </message>
    <message>
        <source>State</source>
        <translation>நிலை</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>புதுப்பி (&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>நிராகரி (&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Approve and reverse</source>
        <translation>ஒப்புதல் அளித்துத் திரும்பப் பெறு (&amp;A)</translation>
    </message>
    <message>
        <source>GST &amp;document…</source>
        <translation>ஜிஎஸ்டி ஆவணம்… (&amp;D)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>மூடு</translation>
    </message>
    <message>
        <source>Approved by %1</source>
        <translation>%1 ஒப்புதல் அளித்தார்</translation>
    </message>
    <message>
        <source>Declined by %1</source>
        <translation>%1 நிராகரித்தார்</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>காத்திருக்கிறது</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>சர்வரிடம் கேட்கிறது…</translation>
    </message>
    <message>
        <source>1 request of yours.</source>
        <translation>உங்கள் கோரிக்கை 1.</translation>
    </message>
    <message>
        <source>%1 requests of yours.</source>
        <translation>உங்கள் கோரிக்கைகள் %1.</translation>
    </message>
    <message>
        <source>1 request waiting.</source>
        <translation>1 கோரிக்கை காத்திருக்கிறது.</translation>
    </message>
    <message>
        <source>%1 requests waiting.</source>
        <translation>%1 கோரிக்கைகள் காத்திருக்கின்றன.</translation>
    </message>
    <message>
        <source>No request is waiting.</source>
        <translation>எந்தக் கோரிக்கையும் காத்திருக்கவில்லை.</translation>
    </message>
    <message>
        <source>Could not list the requests: %1</source>
        <translation>கோரிக்கைகளைப் பட்டியலிட முடியவில்லை: %1</translation>
    </message>
    <message>
        <source>No GST document: %1</source>
        <translation>ஜிஎஸ்டி ஆவணம் இல்லை: %1</translation>
    </message>
    <message>
        <source>GST document %1 opened.</source>
        <translation>ஜிஎஸ்டி ஆவணம் %1 திறக்கப்பட்டது.</translation>
    </message>
    <message>
        <source>Receipt %1 was not taken at this desk: its GST document is issued at the desk that took it.</source>
        <translation>ரசீது %1 இந்த மேசையில் பெறப்படவில்லை: அதன் ஜிஎஸ்டி ஆவணம் அதைப் பெற்ற மேசையில் வழங்கப்படும்.</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>செல்லாததாக்கு</translation>
    </message>
    <message>
        <source>Cheque bounced</source>
        <translation>காசோலை திரும்பியது</translation>
    </message>
    <message>
        <source>Approving…</source>
        <translation>ஒப்புதல் அளிக்கிறது…</translation>
    </message>
    <message>
        <source>Declining…</source>
        <translation>நிராகரிக்கிறது…</translation>
    </message>
    <message>
        <source>Receipt %1 reversed (%2); every desk shows it with its next sync.</source>
        <translation>ரசீது %1 திரும்பப் பெறப்பட்டது (%2); ஒவ்வொரு மேசையிலும் அடுத்த ஒத்திசைவில் தெரியும்.</translation>
    </message>
    <message>
        <source>Receipt %1: request declined; nothing reversed.</source>
        <translation>ரசீது %1: கோரிக்கை நிராகரிக்கப்பட்டது; எதுவும் திரும்பப் பெறப்படவில்லை.</translation>
    </message>
    <message>
        <source>Nothing was decided: %1</source>
        <translation>எதுவும் முடிவு செய்யப்படவில்லை: %1</translation>
    </message>
</context>
</TS>
