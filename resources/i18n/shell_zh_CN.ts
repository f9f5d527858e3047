<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>First start: create the administrator</source>
        <translation>首次启动：创建管理员</translation>
    </message>
    <message>
        <source>No account exists yet. Create the administrator, who then adds the staff.</source>
        <translation>尚无任何账号。请先创建管理员，再由管理员添加员工。</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Treasure Warehouse — log in</source>
        <translation>珍宝仓 — 登录</translation>
    </message>
    <message>
        <source>Treasure Warehouse appraisal workstation</source>
        <translation>珍宝仓鉴定工作站</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Treasure Warehouse workstation</source>
        <translation>珍宝仓鉴定工作站</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Devices: starting</source>
        <translation>设备：启动中</translation>
    </message>
    <message>
        <source>Sync: not started</source>
        <translation>同步：未启动</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出程序</translation>
    </message>
    <message>
        <source>Command: %1</source>
        <translation>命令：%1</translation>
    </message>
    <message>
        <source>Command %1 is not available right now</source>
        <translation>命令 %1 当前不可用</translation>
    </message>
    <message>
        <source>Unknown command barcode: %1</source>
        <translation>未知的命令条码：%1</translation>
    </message>
    <message>
        <source>Scan not used here: %1</source>
        <translation>此页面不处理该条码：%1</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>已同步</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>等待重试</translation>
    </message>
    <message>
        <source>refused, tell a supervisor</source>
        <translation>被拒绝，请告知主管</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>未配置</translation>
    </message>
    <message>
        <source>refused: demo platform outside demo mode</source>
        <translation>已拒绝：演示平台只用于演示模式</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>%1 条待发</translation>
    </message>
    <message>
        <source>%1 rejected</source>
        <translation>%1 条被拒</translation>
    </message>
    <message>
        <source>Sync: %1</source>
        <translation>同步：%1</translation>
    </message>
    <message>
        <source>balance</source>
        <translation>天平</translation>
    </message>
    <message>
        <source>box</source>
        <translation>检测盒</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <source>devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>重新连接中</translation>
    </message>
    <message>
        <source>not answering</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>simulator refused</source>
        <translation>已拒绝模拟器</translation>
    </message>
    <message>
        <source>Devices: %1</source>
        <translation>设备：%1</translation>
    </message>
</context>
<context>
    <name>PlaceholderScreen</name>
    <message>
        <source>This station is being built and is not available yet.</source>
        <translation>该工位正在建设中，暂不可用。</translation>
    </message>
</context>
<context>
    <name>ScanFeedback</name>
    <message>
        <source>Incomplete scan, not used: %1 — scan again (check the scanner's Enter suffix)</source>
        <translation>扫描不完整，未采用：%1 — 请重新扫描（请检查扫码枪的回车结尾设置）</translation>
    </message>
</context>
<context>
    <name>Stations</name>
    <message>
        <source>Intake</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>Jewelry appraisal</source>
        <translation>珠宝鉴定</translation>
    </message>
    <message>
        <source>Phone inspection</source>
        <translation>手机检测</translation>
    </message>
    <message>
        <source>Review &amp; certificates</source>
        <translation>复核与证书</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理</translation>
    </message>
</context>
</TS>
