<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_IN" sourcelanguage="en_IN">
<context>
    <name>AccountsTableModel</name>
    <message numerus="yes">
        <source>Pending sync: %n payment(s) not yet confirmed by the server.</source>
        <translation>
            <numerusform>Pending sync: %n payment not yet confirmed by the server.</numerusform>
            <numerusform>Pending sync: %n payments not yet confirmed by the server.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BillingTab</name>
    <message numerus="yes">
        <source> — provisional: includes %n payment(s) pending sync (server balance %1)</source>
        <translation>
            <numerusform> — provisional: includes %n payment pending sync (server balance %1)</numerusform>
            <numerusform> — provisional: includes %n payments pending sync (server balance %1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BranchCloseReport</name>
    <message numerus="yes">
        <source>%n payment(s): %1; %2 not yet synced at close</source>
        <translation>
            <numerusform>%n payment: %1; %2 not yet synced at close</numerusform>
            <numerusform>%n payments: %1; %2 not yet synced at close</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BranchClosesModel</name>
    <message numerus="yes">
        <source>Total: %n close(s)</source>
        <translation>
            <numerusform>Total: %n close</numerusform>
            <numerusform>Total: %n closes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BranchClosesWindow</name>
    <message numerus="yes">
        <source>%n close(s) from %1 to %2; difference %3, %4 payment(s) unsynced at close.</source>
        <translation>
            <numerusform>%n close from %1 to %2; difference %3, %4 payment(s) unsynced at close.</numerusform>
            <numerusform>%n closes from %1 to %2; difference %3, %4 payment(s) unsynced at close.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommentsTab</name>
    <message numerus="yes">
        <source>%n comment(s), newest first.</source>
        <translation>
            <numerusform>%n comment, newest first.</numerusform>
            <numerusform>%n comments, newest first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DayCloseDialog</name>
    <message numerus="yes">
        <source>%n payment(s) this session: %1</source>
        <translation>
            <numerusform>%n payment this session: %1</numerusform>
            <numerusform>%n payments this session: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DayCloseReport</name>
    <message numerus="yes">
        <source>%n payment(s)</source>
        <translation>
            <numerusform>%n payment</numerusform>
            <numerusform>%n payments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DayCount</name>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>over by %n day(s)</source>
        <translation>
            <numerusform>over by %n day</numerusform>
            <numerusform>over by %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DueListWindow</name>
    <message numerus="yes">
        <source>%n suspended today</source>
        <translation>
            <numerusform>%n suspended today</numerusform>
            <numerusform>%n suspended today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suspending tomorrow</source>
        <translation>
            <numerusform>%n suspending tomorrow</numerusform>
            <numerusform>%n suspending tomorrow</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in the last days of grace</source>
        <translation>
            <numerusform>%n in the last days of grace</numerusform>
            <numerusform>%n in the last days of grace</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InvoicesTab</name>
    <message numerus="yes">
        <source>%n invoice(s); %1 open. Double-click an invoice to open it.</source>
        <translation>
            <numerusform>%n invoice; %1 open. Double-click an invoice to open it.</numerusform>
            <numerusform>%n invoices; %1 open. Double-click an invoice to open it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskPayPage</name>
    <message numerus="yes">
        <source>%1: %2 for %n day(s), less any credit.</source>
        <translation>
            <numerusform>%1: %2 for %n day, less any credit.</numerusform>
            <numerusform>%1: %2 for %n days, less any credit.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message numerus="yes">
        <source>Includes %n payment(s) not yet confirmed by head office.</source>
        <translation>
            <numerusform>Includes %n payment not yet confirmed by head office.</numerusform>
            <numerusform>Includes %n payments not yet confirmed by head office.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many look-ups just now. Please try again in %n minute(s), or ask a member of staff.</source>
        <translation>
            <numerusform>Too many look-ups just now. Please try again in %n minute, or ask a member of staff.</numerusform>
            <numerusform>Too many look-ups just now. Please try again in %n minutes, or ask a member of staff.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogTab</name>
    <message numerus="yes">
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%1 account(s)</source>
        <translation>
            <numerusform>%1 account</numerusform>
            <numerusform>%1 accounts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>More than %1 of %2 account(s)…</source>
        <translation>
            <numerusform>More than %1 of %2 account…</numerusform>
            <numerusform>More than %1 of %2 accounts…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2 account(s)</source>
        <translation>
            <numerusform>%1 of %2 account</numerusform>
            <numerusform>%1 of %2 accounts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message numerus="yes">
        <source>%n order(s), %1 active.</source>
        <translation>
            <numerusform>%n order, %1 active.</numerusform>
            <numerusform>%n orders, %1 active.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message numerus="yes">
        <source>(includes %n payment(s) pending sync)</source>
        <translation>
            <numerusform>(includes %n payment pending sync)</numerusform>
            <numerusform>(includes %n payments pending sync)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaymentsRegister</name>
    <message numerus="yes">
        <source>%n payment(s) · total %1</source>
        <translation>
            <numerusform>%n payment · total %1</numerusform>
            <numerusform>%n payments · total %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending sync</source>
        <translation>
            <numerusform>%n pending sync</numerusform>
            <numerusform>%n pending sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n voided or bounced (not in the totals)</source>
        <translation>
            <numerusform>%n voided or bounced (not in the totals)</numerusform>
            <numerusform>%n voided or bounced (not in the totals)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused by head office (not in the totals): see Needs attention</source>
        <translation>
            <numerusform>%n refused by head office (not in the totals): see Needs attention</numerusform>
            <numerusform>%n refused by head office (not in the totals): see Needs attention</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaymentsTab</name>
    <message numerus="yes">
        <source>%n open invoice(s) (%1)</source>
        <translation>
            <numerusform>%n open invoice (%1)</numerusform>
            <numerusform>%n open invoices (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>. Provisional: %n payment(s) taken here pending sync (server balance %1).</source>
        <translation>
            <numerusform>. Provisional: %n payment taken here is pending sync (server balance %1).</numerusform>
            <numerusform>. Provisional: %n payments taken here are pending sync (server balance %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) recorded, %1 in all.</source>
        <translation>
            <numerusform>%n payment recorded, %1 in all.</numerusform>
            <numerusform>%n payments recorded, %1 in all.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n payment(s) taken on this PC could not be applied by the server; see Needs attention.</source>
        <translation>
            <numerusform>%n payment taken on this PC could not be applied by the server; see Needs attention.</numerusform>
            <numerusform>%n payments taken on this PC could not be applied by the server; see Needs attention.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message numerus="yes">
        <source>%1 change(s) waiting to send</source>
        <translation>
            <numerusform>%1 change waiting to send</numerusform>
            <numerusform>%1 changes waiting to send</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimeAgo</name>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) ago</source>
        <translation>
            <numerusform>%n month ago</numerusform>
            <numerusform>%n months ago</numerusform>
        </translation>
    </message>
</context>
</TS>
