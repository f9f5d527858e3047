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
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
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
        <source>, </source>
        <translation>，</translation>
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
        <source>Incomplete scan, not used: %1 — scan again (check the scanner&apos;s Enter suffix)</source>
        <translation>扫描不完整，未采用：%1 — 请重新扫描（请检查扫码枪的回车结尾设置）</translation>
    </message>
</context>
<context>
    <name>States</name>
    <message>
        <source>balance</source>
        <translation>天平</translation>
    </message>
    <message>
        <source>inspection box</source>
        <translation>检测盒</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>相机</translation>
    </message>
    <message>
        <source>scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <source>devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>正在重连</translation>
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
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>in use by another program</source>
        <translation>被其他程序占用</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>未配置</translation>
    </message>
    <message>
        <source>simulated</source>
        <translation>模拟</translation>
    </message>
    <message>
        <source>simulator refused outside demo mode</source>
        <translation>已拒绝：非演示模式不可使用模拟器</translation>
    </message>
    <message>
        <source>unknown state (%1)</source>
        <translation>未知状态（%1）</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>已同步</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <source>waiting to retry</source>
        <translation>等待重试</translation>
    </message>
    <message>
        <source>refused by the platform, tell a supervisor</source>
        <translation>平台拒绝，请告知主管</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未启动</translation>
    </message>
    <message>
        <source>refused: demo platform outside demo mode</source>
        <translation>已拒绝：演示平台只用于演示模式</translation>
    </message>
    <message>
        <source>parcel received</source>
        <translation>收到包裹</translation>
    </message>
    <message>
        <source>parcel closed</source>
        <translation>包裹完结</translation>
    </message>
    <message>
        <source>item received</source>
        <translation>收到货品</translation>
    </message>
    <message>
        <source>discrepancy</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>measurement</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>phone inspection</source>
        <translation>手机检测</translation>
    </message>
    <message>
        <source>grading</source>
        <translation>鉴定结果</translation>
    </message>
    <message>
        <source>review decision</source>
        <translation>复核决定</translation>
    </message>
    <message>
        <source>certificate issued</source>
        <translation>签发证书</translation>
    </message>
    <message>
        <source>certificate voided</source>
        <translation>作废证书</translation>
    </message>
    <message>
        <source>item rejected</source>
        <translation>拒收货品</translation>
    </message>
    <message>
        <source>item dispatched</source>
        <translation>货品发出</translation>
    </message>
    <message>
        <source>the platform does not know this parcel notice</source>
        <translation>平台不认识此到货通知</translation>
    </message>
    <message>
        <source>the platform does not know this kind of event</source>
        <translation>平台不认识此类事件</translation>
    </message>
    <message>
        <source>a field is missing or invalid</source>
        <translation>字段缺失或无效</translation>
    </message>
    <message>
        <source>sent out of order</source>
        <translation>发送顺序错误</translation>
    </message>
    <message>
        <source>conflicts with what the platform holds</source>
        <translation>与平台已有记录冲突</translation>
    </message>
    <message>
        <source>another warehouse issued this certificate</source>
        <translation>此证书由其他仓库签发</translation>
    </message>
    <message>
        <source>the platform does not know this after-sale case</source>
        <translation>平台不认识此售后案件</translation>
    </message>
    <message>
        <source>already received</source>
        <translation>平台已收到</translation>
    </message>
    <message>
        <source>%1 (was: %2)</source>
        <translation>%1（原为：%2）</translation>
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
        <translation>复核与出证</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Exceptions &amp; dashboard</source>
        <translation>异常看板</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>After-sale cases</source>
        <translation>售后</translation>
    </message>
</context>
</TS>
