<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardPanel</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation>导出 XLSX…</translation>
    </message>
    <message>
        <source>Daily report PDF…</source>
        <translation>日报 PDF…</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Pieces</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Waiting since</source>
        <translation>最早进入</translation>
    </message>
    <message>
        <source>Queue per stage</source>
        <translation>各环节排队</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>分级结果</translation>
    </message>
    <message>
        <source>Pass / fail</source>
        <translation>通过/不通过</translation>
    </message>
    <message>
        <source>Cosmetic grade</source>
        <translation>成色</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Phones by grade</source>
        <translation>手机成色</translation>
    </message>
    <message>
        <source>Appraiser</source>
        <translation>鉴定师</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Appraisers</source>
        <translation>鉴定师</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Recorded actions</source>
        <translation>记录的操作</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商家</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Rejection rate</source>
        <translation>拒收率</translation>
    </message>
    <message>
        <source>Merchants: rejection rate</source>
        <translation>商家拒收率</translation>
    </message>
    <message>
        <source>Counterfeit</source>
        <translation>假冒</translation>
    </message>
    <message>
        <source>Merchants: counterfeits</source>
        <translation>商家假冒件数</translation>
    </message>
    <message>
        <source>Today per hour</source>
        <translation>今日每小时</translation>
    </message>
    <message>
        <source>%1 to %2 · as of %3</source>
        <translation>%1 至 %2 · 截至 %3</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Daily report</source>
        <translation>日报</translation>
    </message>
</context>
<context>
    <name>ExceptionsPanel</name>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>开始于</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>包裹</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商家</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Open dossier</source>
        <translation>打开档案</translation>
    </message>
    <message>
        <source>Put on hold…</source>
        <translation>冻结…</translation>
    </message>
    <message>
        <source>Release hold…</source>
        <translation>解除冻结…</translation>
    </message>
    <message>
        <source>Resolve parcel…</source>
        <translation>处理包裹…</translation>
    </message>
    <message>
        <source>Accept notice change…</source>
        <translation>确认预报变更…</translation>
    </message>
    <message>
        <source>Go to station</source>
        <translation>前往工作台</translation>
    </message>
    <message>
        <source>%1 open: %2</source>
        <translation>待处理 %1 项：%2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Nothing waits for a decision.</source>
        <translation>没有待处理的异常。</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>No piece of this parcel has been received yet.</source>
        <translation>该包裹还没有收货的物品。</translation>
    </message>
    <message>
        <source>Put %1 on hold</source>
        <translation>冻结 %1</translation>
    </message>
    <message>
        <source>Nothing moves the piece until a supervisor releases it. Why is it held?</source>
        <translation>冻结后物品不能继续流转，直到主管解除。冻结原因？</translation>
    </message>
    <message>
        <source>%1 is on hold.</source>
        <translation>%1 已冻结。</translation>
    </message>
    <message>
        <source>Release %1</source>
        <translation>解除冻结 %1</translation>
    </message>
    <message>
        <source>The piece goes back to: %1. Why is the hold lifted?</source>
        <translation>物品将回到：%1。解除冻结的原因？</translation>
    </message>
    <message>
        <source>%1 released.</source>
        <translation>%1 已解除冻结。</translation>
    </message>
    <message>
        <source>Resolve parcel %1</source>
        <translation>处理包裹 %1</translation>
    </message>
    <message>
        <source>Link the parcel to the notice it belongs to, or send it back to the merchant.</source>
        <translation>将包裹关联到所属预报单，或退回商家。</translation>
    </message>
    <message>
        <source>Link to notice (ASN id)</source>
        <translation>关联预报单（ASN 编号）</translation>
    </message>
    <message>
        <source>Return to the merchant</source>
        <translation>退回商家</translation>
    </message>
    <message>
        <source>Parcel resolved.</source>
        <translation>包裹已处理。</translation>
    </message>
    <message>
        <source>Accept the notice change of %1</source>
        <translation>确认 %1 的预报变更</translation>
    </message>
    <message>
        <source>New lines join the parcel; removed lines not yet received are withdrawn; what was received stays as received.</source>
        <translation>新增行加入包裹；已删除且未收货的行撤销；已收货的保持不变。</translation>
    </message>
    <message>
        <source>Notice change accepted.</source>
        <translation>预报变更已确认。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>SupervisorScreen</name>
    <message>
        <source>Exceptions</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Today&apos;s work</source>
        <translation>今日工作</translation>
    </message>
</context>
</TS>
