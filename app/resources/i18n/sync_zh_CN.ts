<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SyncScreen</name>
    <message>
        <source>Sync with the platform</source>
        <translation>与平台同步</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>上次成功</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>Not sent: refused by the platform or by this station&apos;s checks (kept here, never resent as they are)</source>
        <translation>未发送的记录：被平台拒收或未通过本站检查（保留在此，不会原样重发）</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Sync is not configured or has not started (see the platform address in the settings).</source>
        <translation>同步未配置或尚未启动（请检查设置中的平台地址）。</translation>
    </message>
    <message>
        <source>%1 events, %2</source>
        <translation>%1 条事件，%2</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>(next try in %1 s)</source>
        <translation>（%1 秒后重试）</translation>
    </message>
    <message>
        <source>Notice %1 refused: %2</source>
        <translation>预报 %1 被拒收：%2</translation>
    </message>
</context>
</TS>
