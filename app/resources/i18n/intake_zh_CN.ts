<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>IntakeActions</name>
    <message>
        <source>Label reprinted: %1</source>
        <translation>已补打标签：%1</translation>
    </message>
    <message>
        <source>Damage recorded; no photo taken</source>
        <translation>已登记破损，但未能拍照</translation>
    </message>
    <message>
        <source>Damage recorded with a photo</source>
        <translation>已登记破损并拍照</translation>
    </message>
    <message>
        <source>Press again for another photo.</source>
        <translation>再按一次可再拍一张。</translation>
    </message>
    <message>
        <source>Pick a received line first</source>
        <translation>请先选择一条已收货的明细</translation>
    </message>
    <message>
        <source>Void receipt</source>
        <translation>作废收货</translation>
    </message>
    <message>
        <source>Void the receipt of %1? The record stays; the line becomes expected again.</source>
        <translation>作废 %1 的收货？记录将保留，该明细恢复为待收。</translation>
    </message>
    <message>
        <source>Receipt of %1 voided</source>
        <translation>已作废 %1 的收货</translation>
    </message>
    <message>
        <source>Parcel %1 closed</source>
        <translation>包裹 %1 已完成</translation>
    </message>
    <message>
        <source>%1 missing line(s) recorded</source>
        <translation>已登记 %1 件缺件</translation>
    </message>
    <message>
        <source>Close with missing lines?</source>
        <translation>有缺件，确认完成？</translation>
    </message>
    <message>
        <source>Parcel set aside; scan the next waybill</source>
        <translation>包裹已搁置，请扫描下一个运单</translation>
    </message>
    <message>
        <source>Unannounced parcel resolved</source>
        <translation>未预报包裹已处理</translation>
    </message>
    <message>
        <source>Accept notice change</source>
        <translation>确认预报变更</translation>
    </message>
    <message>
        <source>The merchant changed the notice after receipt began. Received pieces stay as received.</source>
        <translation>收货开始后商家修改了预报。已收物品保持不变。</translation>
    </message>
    <message>
        <source>Notice change accepted</source>
        <translation>已确认预报变更</translation>
    </message>
    <message>
        <source>Import shipping notices</source>
        <translation>导入预报单</translation>
    </message>
    <message>
        <source>Notices (*.json)</source>
        <translation>预报文件 (*.json)</translation>
    </message>
    <message>
        <source>Imported %1 notice(s)</source>
        <translation>已导入 %1 张预报单</translation>
    </message>
    <message>
        <source>new %1 · updated %2 · cancelled %3 · kept as received %4 · other warehouse %5</source>
        <translation>新增 %1 · 更新 %2 · 取消 %3 · 保留已收 %4 · 其他仓库 %5</translation>
    </message>
</context>
<context>
    <name>IntakeScreen</name>
    <message>
        <source>Ready: scan a parcel&apos;s waybill</source>
        <translation>就绪：请扫描包裹运单</translation>
    </message>
    <message>
        <source>Unexpected pieces are:</source>
        <translation>预报外物品类别：</translation>
    </message>
    <message>
        <source>Jewelry</source>
        <translation>珠宝</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Receive selected line</source>
        <translation>收货所选明细</translation>
    </message>
    <message>
        <source>Reprint label</source>
        <translation>补打标签</translation>
    </message>
    <message>
        <source>Damaged: photo</source>
        <translation>破损：拍照</translation>
    </message>
    <message>
        <source>Void receipt…</source>
        <translation>作废收货…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>处理…</translation>
    </message>
    <message>
        <source>Accept notice change…</source>
        <translation>确认预报变更…</translation>
    </message>
    <message>
        <source>Set parcel aside</source>
        <translation>搁置包裹</translation>
    </message>
    <message>
        <source>Close parcel</source>
        <translation>完成包裹</translation>
    </message>
    <message>
        <source>Expected parcels</source>
        <translation>待收包裹</translation>
    </message>
    <message>
        <source>Import notices…</source>
        <translation>导入预报…</translation>
    </message>
    <message>
        <source>This parcel is already open</source>
        <translation>该包裹已在收货中</translation>
    </message>
    <message>
        <source>Already received: %1</source>
        <translation>已收货：%1</translation>
    </message>
    <message>
        <source>Label %1 is VOID: its receipt was voided</source>
        <translation>标签 %1 已作废：该件收货已作废</translation>
    </message>
    <message>
        <source>Discard this label; the piece needs a new one. %1</source>
        <translation>请丢弃此标签，该件需要新标签。%1</translation>
    </message>
    <message>
        <source>Tag %1 is not recorded; discard this label</source>
        <translation>标签 %1 没有收货记录，请作废此标签</translation>
    </message>
    <message>
        <source>Already received as %1</source>
        <translation>已收货，标签 %1</translation>
    </message>
    <message>
        <source>Nothing was recorded again.</source>
        <translation>未重复登记。</translation>
    </message>
    <message>
        <source>This piece belongs to parcel %1</source>
        <translation>该物品属于包裹 %1</translation>
    </message>
    <message>
        <source>Scan that parcel&apos;s waybill first, or set it aside.</source>
        <translation>请先扫描该包裹的运单，或将其放到一旁。</translation>
    </message>
    <message>
        <source>Unannounced parcel: a supervisor must resolve it first</source>
        <translation>未预报包裹：须先由主管处理</translation>
    </message>
    <message>
        <source>%1 is not on this parcel&apos;s notice</source>
        <translation>%1 不在本包裹的预报中</translation>
    </message>
    <message>
        <source>Scan it again to record an unexpected piece (%1), or pick its line.</source>
        <translation>再扫一次即登记为预报外物品（%1），或选择对应明细。</translation>
    </message>
    <message>
        <source>Waybill %1 was not announced</source>
        <translation>运单 %1 没有预报</translation>
    </message>
    <message>
        <source>Scan it again to record an unannounced parcel for a supervisor.</source>
        <translation>再扫一次即登记为未预报包裹，交主管处理。</translation>
    </message>
    <message>
        <source>Unannounced parcel recorded: %1</source>
        <translation>已登记未预报包裹：%1</translation>
    </message>
    <message>
        <source>Put it aside for a supervisor to resolve.</source>
        <translation>请放到一旁，交主管处理。</translation>
    </message>
    <message>
        <source>Parcel open: %1</source>
        <translation>已签收包裹：%1</translation>
    </message>
    <message>
        <source>Parcel continued: %1</source>
        <translation>继续收货：%1</translation>
    </message>
    <message>
        <source>Scan each piece&apos;s label, or pick its line.</source>
        <translation>请逐件扫描商家标签，或选择对应明细。</translation>
    </message>
    <message>
        <source>Unexpected piece</source>
        <translation>预报外物品</translation>
    </message>
    <message>
        <source>Received %1 — label NOT printed</source>
        <translation>已收货 %1 —— 标签未打印</translation>
    </message>
    <message>
        <source>Press Reprint label when the printer is back.</source>
        <translation>打印机恢复后请点击“补打标签”。</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>收货于 %1</translation>
    </message>
    <message>
        <source>Discard the label %1.</source>
        <translation>请作废标签 %1。</translation>
    </message>
    <message>
        <source>Pick a line first</source>
        <translation>请先选择一条明细</translation>
    </message>
</context>
<context>
    <name>ParcelBoard</name>
    <message>
        <source>expected</source>
        <translation>待收</translation>
    </message>
    <message>
        <source>receiving</source>
        <translation>收货中</translation>
    </message>
    <message>
        <source>unannounced</source>
        <translation>未预报</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>ParcelPanel</name>
    <message>
        <source>Line</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>商家申报</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Scan a parcel&apos;s waybill</source>
        <translation>请扫描包裹运单</translation>
    </message>
    <message>
        <source>Expected parcels are listed on the right.</source>
        <translation>待收包裹列在右侧。</translation>
    </message>
    <message>
        <source>receiving</source>
        <translation>收货中</translation>
    </message>
    <message>
        <source>UNANNOUNCED — a supervisor must resolve it</source>
        <translation>未预报 —— 须由主管处理</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>announced</source>
        <translation>已预报</translation>
    </message>
    <message>
        <source>closed</source>
        <comment>parcel</comment>
        <translation>已完成</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>unknown merchant</source>
        <translation>未知商家</translation>
    </message>
    <message>
        <source>package damaged</source>
        <translation>外包装破损</translation>
    </message>
    <message>
        <source>notice changed — supervisor must confirm</source>
        <translation>预报已变更 —— 须主管确认</translation>
    </message>
    <message>
        <source>Jewelry</source>
        <translation>珠宝</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>expected</source>
        <translation>待收</translation>
    </message>
    <message>
        <source>Unexpected piece</source>
        <translation>预报外物品</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>A supervisor signs here:</source>
        <translation>请主管在此签名确认：</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve unannounced parcel</source>
        <translation>处理未预报包裹</translation>
    </message>
    <message>
        <source>Unannounced parcel %1</source>
        <translation>未预报包裹 %1</translation>
    </message>
    <message>
        <source>Link to notice</source>
        <translation>关联预报单</translation>
    </message>
    <message>
        <source>Return to sender</source>
        <translation>退回商家</translation>
    </message>
</context>
</TS>
