<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>Common</name>
        <message>
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>Battery</source>
            <translation>电池</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>颜色</translation>
        </message>
        <message>
            <source>Condition</source>
            <translation>状况</translation>
        </message>
        <message>
            <source>Declared</source>
            <translation>商家申报</translation>
        </message>
        <message>
            <source>Devices</source>
            <translation>设备</translation>
        </message>
        <message>
            <source>Fluorescence</source>
            <translation>荧光</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>IMEI</source>
            <translation>IMEI</translation>
        </message>
        <message>
            <source>Inclusions</source>
            <translation>内含物</translation>
        </message>
        <message>
            <source>Jewelry appraisal</source>
            <translation>珠宝鉴定</translation>
        </message>
        <message>
            <source>Magnification</source>
            <translation>放大检查</translation>
        </message>
        <message>
            <source>Metal</source>
            <translation>金属</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>型号</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>Phone inspection</source>
            <translation>手机检测</translation>
        </message>
        <message>
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>平台</translation>
        </message>
        <message>
            <source>Polariscope</source>
            <translation>偏光镜</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>端口</translation>
        </message>
        <message>
            <source>Precision balance</source>
            <translation>精密天平</translation>
        </message>
        <message>
            <source>Print a test label</source>
            <translation>打印测试标签</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Refractive index</source>
            <translation>折射率</translation>
        </message>
        <message>
            <source>Repeat password</source>
            <translation>再次输入密码</translation>
        </message>
        <message>
            <source>Review &amp; certificates</source>
            <translation>复核与出证</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <source>Specific gravity</source>
            <translation>比重</translation>
        </message>
        <message>
            <source>Spectroscope</source>
            <translation>分光镜</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Tag</source>
            <translation>标签</translation>
        </message>
        <message>
            <source>Take %1</source>
            <translation>拍摄%1</translation>
        </message>
        <message>
            <source>Tare</source>
            <translation>去皮</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>品名</translation>
        </message>
        <message>
            <source>Treatments</source>
            <translation>优化处理</translation>
        </message>
        <message>
            <source>Username</source>
            <translation>用户名</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>Zero</source>
            <translation>置零</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>pass</source>
            <translation>合格</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>, </source>
            <translation>，</translation>
        </message>
        <message>
            <source>Accept notice change…</source>
            <translation>确认预报变更…</translation>
        </message>
        <message>
            <source>After-sale cases</source>
            <translation>售后</translation>
        </message>
        <message>
            <source>Balance</source>
            <translation>天平</translation>
        </message>
        <message>
            <source>By</source>
            <translation>操作人</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Cosmetic grade</source>
            <translation>成色</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>FAIL</source>
            <translation>不合格</translation>
        </message>
        <message>
            <source>Fail</source>
            <translation>不通过</translation>
        </message>
        <message>
            <source>Found</source>
            <translation>现测</translation>
        </message>
        <message>
            <source>Hallmark</source>
            <translation>印记</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>物品</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Metal content (XRF)</source>
            <translation>贵金属含量（XRF）</translation>
        </message>
        <message>
            <source>Pass</source>
            <translation>合格</translation>
        </message>
        <message>
            <source>Passphrase</source>
            <translation>口令</translation>
        </message>
        <message>
            <source>Please type the passphrase.</source>
            <translation>请输入口令。</translation>
        </message>
        <message>
            <source>Please write the reason.</source>
            <translation>请填写原因。</translation>
        </message>
        <message>
            <source>Repeat</source>
            <translation>再输一次</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Serial number</source>
            <translation>序列号</translation>
        </message>
        <message>
            <source>Storage (GB)</source>
            <translation>存储容量（GB）</translation>
        </message>
        <message>
            <source>The two passphrases differ.</source>
            <translation>两次输入的口令不一致。</translation>
        </message>
        <message>
            <source>Verdict</source>
            <translation>结论</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>Certificate</source>
            <translation>证书</translation>
        </message>
        <message>
            <source>Certificates</source>
            <translation>证书</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>密钥</translation>
        </message>
        <message>
            <source>Merchant</source>
            <translation>商家</translation>
        </message>
        <message>
            <source>Received %1</source>
            <translation>收货于 %1</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>已保存 %1</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Sync</source>
            <translation>同步</translation>
        </message>
        <message>
            <source>valid</source>
            <translation>有效</translation>
        </message>
        <message>
            <source>voided</source>
            <translation>已作废</translation>
        </message>
        <message>
            <source>Inspection box</source>
            <translation>检测盒</translation>
        </message>
        <message>
            <source>NO READING</source>
            <translation>无读数</translation>
        </message>
        <message>
            <source>No camera preview</source>
            <translation>无相机画面</translation>
        </message>
        <message>
            <source>No reading from the balance yet.</source>
            <translation>天平尚无读数。</translation>
        </message>
        <message>
            <source>Retake %1</source>
            <translation>重拍%1</translation>
        </message>
        <message>
            <source>Taking the photo…</source>
            <translation>正在拍照…</translation>
        </message>
        <message>
            <source>The reading is not stable yet; wait for the STABLE sign.</source>
            <translation>读数尚未稳定，请等待“稳定”标志。</translation>
        </message>
        <message>
            <source>○ UNSTABLE</source>
            <translation>○ 不稳定</translation>
        </message>
        <message>
            <source>● STABLE</source>
            <translation>● 稳定</translation>
        </message>
    </context>
</TS>